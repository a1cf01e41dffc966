#!/usr/bin/env python3
"""test/kamailio/hostile.py: hostile SIP traffic for examples/kamailio.

Run by test/kamailio/hostile.sh, against a Kamailio it started on
127.0.0.1.  Two UDP sockets on 127.0.0.1: a caller, and the one gateway
Kamailio relays INVITEs to.  It sends, in this order:

  A. OPTIONS to every user part 000..999, then to hostile user parts
     (non-numeric, huge, out of range, NUL, bare CR, bytes not UTF-8, the
     best- and reason- routes with bad lists);
  B. INVITEs that the gateway answers with broken status lines and codes
     of no class (000, 099, 700, 999, ...): the caller must get 502 or
     tm's 408, never the code itself;
  C. CANCELs of ringing INVITEs with hostile Reason headers (huge,
     unterminated quotes, bare CR, bare LF, NUL, bytes not UTF-8): the
     CANCEL the gateway gets must carry the caller's Reason header when it
     is well-formed, else the Q.850 one (checked by hostile-check.lua);
  D. CANCELs that match no transaction (forwarded statelessly to the
     gateway, once) and stray responses (one of no class must not reach
     the caller);
  E. one OPTIONS after the flood, which must still be answered.

At most MAX_MESSAGES messages, 127.0.0.1 only, every wait bounded.  Which
messages reached the routing script is read from the Kamailio log (the
markers of hostile-routes.lua).  Prints one "ok ..." or "FAIL ..." line per
check, and writes what Kamailio sent (status lines, Reason headers) to the
record file for hostile-check.lua.
"""

import argparse
import select
import socket
import sys
import time

MAX_MESSAGES = 2000
HOST = "127.0.0.1"


class Budget(Exception):
    pass


def parse(data):
    """First line, [(lowercase name, value)], in order; bytes throughout."""
    head = data.split(b"\r\n\r\n", 1)[0]
    lines = head.split(b"\r\n")
    headers = []
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            headers.append((name.strip().lower(), value.strip()))
    return lines[0], headers


def header(headers, name):
    for n, v in headers:
        if n == name:
            return v
    return None


def headers_of(headers, name):
    return [v for n, v in headers if n == name]


def status_code(first):
    parts = first.split(b" ", 2)
    if len(parts) >= 2 and parts[0] == b"SIP/2.0" and parts[1].isdigit():
        return int(parts[1])
    return None


def cseq_method(headers):
    v = header(headers, b"cseq") or b""
    parts = v.split()
    return parts[1] if len(parts) == 2 else b""


def show(b, limit=48):
    """A byte string as a short, printable label."""
    r = repr(b)[2:-1] if isinstance(b, bytes) else str(b)
    if len(r) > limit:
        r = r[:limit] + "...(%d bytes)" % len(b)
    return r


class Case:
    def __init__(self, kind, cid, label, **kw):
        self.kind = kind
        self.cid = cid
        self.label = label
        self.want = kw.get("want")          # set of acceptable final codes
        self.user = kw.get("user", b"alice")
        self.gw_line = kw.get("gw_line")    # the gateway's status line
        self.reason = kw.get("reason")      # the CANCEL's Reason value
        self.relayed_as_is = kw.get("relayed_as_is", False)
        self.responses = []                 # (code, first, headers) at the caller
        self.finals = []
        self.cancel_answers = []
        self.gw_requests = []               # (method, first, headers) at the gateway
        self.gw_invite = None
        self.rang_at = None
        self.cancel_sent = False
        self.started = None
        self.done = False
        self.tag = b""


class Hostile:
    def __init__(self, kport, cport, gport, records):
        self.kam = (HOST, kport)
        self.cport = cport
        self.gport = gport
        self.caller = self.bind(cport)
        self.gateway = self.bind(gport)
        self.records = records
        self.sent = 0
        self.cases = {}
        self.order = []
        self.strays = []
        self.passed = 0
        self.failed = 0

    @staticmethod
    def bind(port):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        s.bind((HOST, port))
        return s

    def ok(self, text):
        self.passed += 1
        print("ok   " + text)

    def fail(self, text):
        self.failed += 1
        print("FAIL " + text)

    # --- sending --------------------------------------------------------
    def send(self, sock, data, addr=None):
        if self.sent >= MAX_MESSAGES:
            raise Budget()
        self.sent += 1
        sock.sendto(data, addr or self.kam)

    def add(self, case):
        assert case.cid not in self.cases
        self.cases[case.cid] = case
        self.order.append(case)
        return case

    def request(self, case, method, cseq=1, branch=None, extra=b"", to_tag=b""):
        user = case.user
        ruri = b"sip:" + (user + b"@" if user else b"") + \
            ("%s:%d" % self.kam).encode()
        branch = branch or b"z9hG4bK-" + case.cid.encode()
        msg = (method + b" " + ruri + b" SIP/2.0\r\n"
               + b"Via: SIP/2.0/UDP %s:%d;branch=%s;rport\r\n" % (HOST.encode(), self.cport, branch)
               + b"From: <sip:hostile@%s:%d>;tag=h-%s\r\n" % (HOST.encode(), self.cport, case.cid.encode())
               + b"To: <sip:callee@%s:%d>%s\r\n" % (HOST.encode(), self.kam[1], to_tag)
               + b"Call-ID: " + case.cid.encode() + b"\r\n"
               + b"CSeq: %d %s\r\n" % (cseq, method)
               + b"Contact: <sip:hostile@%s:%d>\r\n" % (HOST.encode(), self.cport)
               + b"Max-Forwards: 70\r\n" + extra
               + b"Content-Length: 0\r\n\r\n")
        self.send(self.caller, msg)

    def gw_response(self, headers, line, to_tag=b"gw", addr=None):
        """A response of the gateway to the request with these headers."""
        out = [line]
        for n, v in headers:
            if n in (b"via", b"v"):
                out.append(b"Via: " + v)
        out.append(b"From: " + (header(headers, b"from") or b""))
        to = header(headers, b"to") or b""
        if b";tag=" not in to and to_tag:
            to += b";tag=" + to_tag
        out.append(b"To: " + to)
        out.append(b"Call-ID: " + (header(headers, b"call-id") or b""))
        out.append(b"CSeq: " + (header(headers, b"cseq") or b""))
        out.append(b"X-Gateway: gw1")
        out.append(b"Content-Length: 0")
        self.send(self.gateway, b"\r\n".join(out) + b"\r\n\r\n", addr)

    # --- receiving ------------------------------------------------------
    def record(self, kind, case, *fields):
        """One record for hostile-check.lua: a header line, the bytes."""
        payload = fields[-1]
        self.records.write(("%s %s %s %d\n" % (
            kind, case, " ".join(str(f) for f in fields[:-1]), len(payload))).encode())
        self.records.write(payload + b"\n")

    def on_caller(self, data):
        first, headers = parse(data)
        cid = (header(headers, b"call-id") or b"").decode("latin-1")
        case = self.cases.get(cid)
        code = status_code(first)
        if case is None or code is None:
            self.strays.append(data)
            return
        method = cseq_method(headers)
        case.responses.append((code, first, headers))
        relayed = header(headers, b"x-gateway") is not None
        # Built by sipcodes: what the script answers itself (not a relayed
        # gateway answer, not tm's 100 or its 200 to a CANCEL).
        built = 0 if relayed or code == 100 or method == b"CANCEL" else 1
        if relayed and case.relayed_as_is:
            built = 2
        want = "-"
        if built == 1 and case.want and len(case.want) == 1:
            want = str(next(iter(case.want)))
        self.record("status", case.cid, want, built, first)
        for value in headers_of(headers, b"reason"):
            self.record("reason", case.cid, -2, value)
        if method == b"CANCEL":
            case.cancel_answers.append(code)
            return
        if code >= 200:
            case.finals.append(code)
            if method == b"INVITE":
                to = header(headers, b"to") or b""
                tag = to[to.find(b";tag="):] if b";tag=" in to else b""
                self.request(case, b"ACK", to_tag=tag)
            case.done = True
        elif case.kind == "ruri":
            case.done = True        # a 1xx to an OPTIONS: all that comes
        if code == 180 and case.kind == "cancel" and not case.cancel_sent:
            case.cancel_sent = True
            extra = b"" if case.reason is None else b"Reason: " + case.reason + b"\r\n"
            self.request(case, b"CANCEL", extra=extra)

    def on_gateway(self, data, addr):
        first, headers = parse(data)
        cid = (header(headers, b"call-id") or b"").decode("latin-1")
        case = self.cases.get(cid)
        if status_code(first) is not None or case is None:
            self.strays.append(data)
            return
        method = first.split(b" ", 1)[0]
        case.gw_requests.append((method, first, headers))
        if method == b"INVITE":
            if case.gw_invite is not None:
                return                  # tm's retransmission: answered once
            case.gw_invite = headers
            if case.kind == "gw":
                self.gw_response(headers, case.gw_line, addr=addr)
            elif case.kind == "cancel":
                self.gw_response(headers, b"SIP/2.0 180 Ringing", addr=addr)
                case.rang_at = time.monotonic()
            else:
                self.gw_response(headers, b"SIP/2.0 486 Busy Here", addr=addr)
        elif method == b"CANCEL":
            for value in headers_of(headers, b"reason"):
                if case.reason is None:
                    self.record("reason", case.cid, -1, value)
                else:
                    self.record("reason", case.cid, len(case.reason), value + case.reason)
            if case.kind == "cancel" and case.gw_invite is not None:
                self.gw_response(headers, b"SIP/2.0 200 OK", addr=addr)
                self.gw_response(case.gw_invite, b"SIP/2.0 487 Request Terminated", addr=addr)
            else:
                self.gw_response(headers, b"SIP/2.0 481 Call/Transaction Does Not Exist",
                                 addr=addr)

    def tick(self):
        now = time.monotonic()
        for case in self.order:
            # A CANCEL that never reached the gateway: end the ringing.
            if (case.kind == "cancel" and case.rang_at and not case.done
                    and now - case.rang_at > 1.5
                    and not any(m == b"CANCEL" for m, _, _ in case.gw_requests)):
                case.rang_at = None
                self.gw_response(case.gw_invite, b"SIP/2.0 480 Temporarily Unavailable")

    def pump(self, until, seconds):
        deadline = time.monotonic() + seconds
        while not until():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.caller, self.gateway], [], [], min(left, 0.1))
            for sock in ready:
                data, addr = sock.recvfrom(65535)
                if sock is self.caller:
                    self.on_caller(data)
                else:
                    self.on_gateway(data, addr)
            self.tick()
        return True

    def run_cases(self, cases, start, window, seconds, each=1.5):
        """Starts the cases, at most `window` unfinished at a time; a case
        unanswered `each` seconds after its start is given up."""
        pending = list(cases)
        live = []
        deadline = time.monotonic() + seconds
        while (pending or live) and time.monotonic() < deadline:
            now = time.monotonic()
            live = [c for c in live if not c.done and now - c.started < each]
            while pending and len(live) < window:
                c = pending.pop(0)
                c.started = time.monotonic()
                start(c)
                live.append(c)
            self.pump(lambda: all(c.done for c in live), 0.05)


def ruri_cases(h):
    """Phase A: OPTIONS sip:<user>@Kamailio."""
    sweep = []
    for n in range(1000):
        user = b"%03d" % n
        want = {n} if 100 <= n <= 699 else {404}
        sweep.append(h.add(Case("ruri", "ruri-%03d" % n, "sip:%03d@" % n,
                                user=user, want=want)))
    hostile = [
        (b"abc", {404}), (b"48a", {404}), (b"4861", {404}), (b"0486", {404}),
        (b"-486", {404}), (b"+486", {404}), (b"486.0", {404}), (b"4.86e2", {404}),
        (b"0x1e6", {404}), (b"nan", {404}), (b"inf", {404}), (b"", {404}),
        (b"%34%38%36", {404}), (b"9" * 4, {404}), (b"9" * 100, {404}),
        (b"9" * 1000, {404}), (b"9" * 20000, {404}), (b"486" * 6000, {404}),
        (b"48\x006", {404}), (b"486\r", {404}), (b"486\n", {404}),
        (b"\xff\xfe\xfd", {404}), (b"4\xc3\x286", {404}), (b"\xc2\x85486", {404}),
        (b"best-", {404}), (b"best-999", {404}), (b"best-099-486", {404}),
        (b"best-abc", {404}), (b"best-180", {404}), (b"best-503", {500}),
        (b"best-486-", {486}), (b"best--486", {486}), (b"best-" + b"9" * 5000, {404}),
        (b"best-" + b"486-" * 3000 + b"407", {407}),
        (b"best-" + b"700-" * 100 + b"486", {404}),
        (b"reason-", {404}), (b"reason-700", {404}), (b"reason-099", {404}),
        (b"reason-abc", {404}), (b"reason-" + b"4" * 5000, {404}),
        (b"reason-486", {486}), (b"reason-699", {699}), (b"reason-199", {199}),
    ]
    others = []
    for i, (user, want) in enumerate(hostile):
        others.append(h.add(Case("ruri", "ruri-x%02d" % i, "sip:%s@" % show(user),
                                 user=user, want=want)))
    # INVITEs to codes of no class: "any other INVITE", relayed to the gateway.
    for i, user in enumerate([b"700", b"099", b"999", b"9" * 1000]):
        others.append(h.add(Case("invite", "invite-%d" % i, "INVITE sip:%s@" % show(user),
                                 user=user, want={486})))
    return sweep, others


GATEWAY_LINES = [
    # status line, what the caller must get, relayed as the gateway wrote it
    (b"SIP/2.0 099 Too Low", {408}, False),
    (b"SIP/2.0 000 Zero", {408}, False),
    (b"SIP/2.0 700 Seven", {502}, False),
    (b"SIP/2.0 999 Nine", {502}, False),
    (b"SIP/2.0 799 " + b"x" * 2000, {502}, False),
    (b"SIP/2.0 4861 Four Digits", {408}, False),
    (b"SIP/2.0 48a Letter", {408}, False),
    (b"SIP/2.0 -86 Minus", {408}, False),
    (b"SIP/2.0  486 Two Spaces", {408}, False),
    (b"SIP/2.0 486", {486, 408}, True),
    (b"SIP/2.0 486 Busy\x00Here", {486, 408}, True),
    (b"SIP/2.0 486 Busy\rHere", {486, 408}, True),
    (b"SIP/2.0 486 \xff\xfe", {486, 408}, True),
    (b"SIP/1.0 486 Old", {408}, False),
    (b"SIP/2.0 599 Unregistered", {599}, False),
    (b"SIP/2.0 699 Unregistered", {699}, True),
]

CANCEL_REASONS = [
    None,
    b'SIP;cause=200;text="Call completed elsewhere"',
    b'Q.850;cause=16, SIP;cause=487',
    b'SIP;cause=200;text="' + b"x" * 5000 + b'"',
    b'SIP;cause=200;text="' + b"x" * 20000 + b'"',
    b'SIP;cause=200;text="Call completed elsewhere',
    b'SIP;cause=200;text="a\rb"',
    b'SIP;cause=200;text="a\nb"',
    b'SIP;cause=200;text="a\x00b"',
    b'SIP;cause=200\x00;text="x"',
    b'SIP;cause=200;text="\xff\xfe"',
    b'SIP;cause=99999999999999999999',
    b';;;',
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kamailio", type=int, required=True)
    ap.add_argument("--caller", type=int, required=True)
    ap.add_argument("--gateway", type=int, required=True)
    ap.add_argument("--records", required=True)
    ap.add_argument("--log", required=True)
    a = ap.parse_args()
    began = time.monotonic()
    with open(a.records, "wb") as records:
        h = Hostile(a.kamailio, a.caller, a.gateway, records)
        try:
            run(h, a, began)
        except Budget:
            h.fail("more than %d messages: the test stops" % MAX_MESSAGES)
    print("%d passed, %d failed" % (h.passed, h.failed))
    return 1 if h.failed else 0


def markers(log):
    """{Call-ID: [marker, ...]} from the log lines of hostile-routes.lua."""
    found = {}
    with open(log, "rb") as f:
        for line in f:
            i = line.find(b"sipcodes-hostile: ")
            if i < 0:
                continue
            parts = line[i:].split()
            if len(parts) >= 4:
                found.setdefault(parts[3].decode("latin-1"), []).append(
                    (parts[1] + b" " + parts[2]).decode("latin-1"))
    return found


def run(h, a, began):
    sweep, others = ruri_cases(h)
    gw = [h.add(Case("gw", "gw-%02d" % i, "gateway answers '%s'" % show(line),
                     gw_line=line, want=want, relayed_as_is=as_is))
          for i, (line, want, as_is) in enumerate(GATEWAY_LINES)]
    cancels = [h.add(Case("cancel", "cancel-%02d" % i,
                          "CANCEL with " + ("no Reason" if r is None else "Reason: " + show(r)),
                          reason=r, want={487, 480}))
               for i, r in enumerate(CANCEL_REASONS)]
    nocancel = [h.add(Case("nocancel", "nocancel-%d" % i,
                           "CANCEL of no transaction, " + ("no Reason" if r is None
                                                           else "Reason: " + show(r)),
                           reason=r, want={481}))
                for i, r in enumerate([None, b'SIP;cause=200;text="a\x00b"',
                                       b'SIP;cause=487'])]

    def options(c):
        h.request(c, b"OPTIONS")

    def invite(c):
        h.request(c, b"INVITE")

    def cancel(c):
        h.request(c, b"CANCEL", branch=b"z9hG4bK-none-" + c.cid.encode(),
                  extra=b"" if c.reason is None else b"Reason: " + c.reason + b"\r\n")

    # A: Request-URIs.
    h.run_cases(sweep, options, window=20, seconds=20)
    h.run_cases([c for c in others if c.kind == "ruri"], options, window=10, seconds=10)
    # B: INVITEs, to hostile users and through a hostile gateway; tm gives
    # up on a gateway after 2 s (fr_timer), so 4 s are enough.
    h.run_cases([c for c in others if c.kind == "invite"] + gw, invite,
                window=40, seconds=8, each=4)
    # C: CANCELs of ringing INVITEs.
    h.run_cases(cancels, invite, window=40, seconds=8, each=4)
    # D: CANCELs of nothing; stray responses (the gateway's socket sends
    # them to Kamailio as if they answered a request of Kamailio's, with
    # the caller's Via below).
    h.run_cases(nocancel, cancel, window=10, seconds=4, each=2)
    strays = [h.add(Case("stray", "stray-%d" % i, "stray response '%s'" % show(line),
                         gw_line=line, want=want))
              for i, (line, want) in enumerate([(b"SIP/2.0 486 Busy Here", {486}),
                                                (b"SIP/2.0 999 Nine", set()),
                                                (b"SIP/2.0 099 Too Low", set())])]
    for c in strays:
        via = [(b"via", b"SIP/2.0/UDP %s:%d;branch=z9hG4bK-stray-%s" % (
                    HOST.encode(), a.kamailio, c.cid.encode())),
               (b"via", b"SIP/2.0/UDP %s:%d;branch=z9hG4bK-%s" % (
                    HOST.encode(), a.caller, c.cid.encode())),
               (b"from", b"<sip:hostile@%s>;tag=s" % HOST.encode()),
               (b"to", b"<sip:callee@%s>;tag=t" % HOST.encode()),
               (b"call-id", c.cid.encode()), (b"cseq", b"1 INVITE")]
        h.gw_response(via, c.gw_line, to_tag=b"")
    h.pump(lambda: False, 1.0)
    # E: after the flood.
    final = h.add(Case("ruri", "final", "OPTIONS sip:486@ after the flood", user=b"486",
                       want={486}))
    h.run_cases([final], options, window=1, seconds=3, each=2)
    time.sleep(0.3)
    report(h, markers(a.log), sweep, others, gw, cancels, nocancel, strays, final)
    print("hostile: %.1f s" % (time.monotonic() - began))


def report(h, marks, sweep, others, gw, cancels, nocancel, strays, final):
    reached = lambda c, what="request": any(m.startswith(what) for m in marks.get(c.cid, []))
    n_reached = 0
    n_answered = 0
    all_cases = sweep + others + gw + cancels + nocancel + strays + [final]
    for c in all_cases:
        if c.kind in ("ruri", "invite", "gw", "cancel", "nocancel"):
            n_reached += reached(c)
        elif c.kind == "stray":
            n_reached += reached(c, "reply")
        n_answered += bool(c.responses)

    # A: the sweep, in one line; each failure on its own.
    bad = [c for c in sweep if not (reached(c) and c.responses
                                    and c.responses[-1][0] in c.want)]
    for c in bad[:20]:
        h.fail("OPTIONS %s: reached the script: %s, answers %s, expected %s" % (
            c.label, reached(c), [r[0] for r in c.responses], sorted(c.want)))
    if not bad:
        h.ok("OPTIONS sip:000@ .. sip:999@: %d sent, %d reached the script, "
             "%d answered with the code, else 404" % (
                 len(sweep), sum(reached(c) for c in sweep), len(sweep)))
    for c in others + [final]:
        codes = [r[0] for r in c.responses if r[0] >= 200 or c.kind == "ruri"]
        if not reached(c):
            if codes:
                h.fail("%s: answered %s without reaching the script" % (c.label, codes))
            elif c is final:
                h.fail("%s: no answer: Kamailio is not answering" % c.label)
            else:
                h.ok("%s: dropped by Kamailio before the script, no answer" % c.label)
        elif codes and codes[-1] in c.want:
            h.ok("%s: reached the script, answered %d" % (c.label, codes[-1]))
        else:
            h.fail("%s: reached the script, answered %s, expected %s" % (
                c.label, codes, sorted(c.want)))

    # B: no code of no class reaches the caller; each broken answer's fate.
    for c in gw:
        codes = c.finals
        seen = [m for m in marks.get(c.cid, []) if m.startswith(("reply", "failure"))]
        where = "reached the reply route" if any(
            m.startswith("reply") and not m.startswith("reply 100") for m in seen) \
            else "dropped by Kamailio's parser"
        if len(codes) == 1 and codes[0] in c.want:
            h.ok("%s: %s; the caller got %d" % (c.label, where, codes[0]))
        else:
            h.fail("%s: %s; the caller got %s, expected one of %s" % (
                c.label, where, codes, sorted(c.want)))
    classless = [(c.cid, r[0]) for c in all_cases for r in c.responses
                 if not 100 <= r[0] <= 699]
    classless += [(None, status_code(parse(d)[0])) for d in h.strays
                  if status_code(parse(d)[0]) is not None
                  and not 100 <= status_code(parse(d)[0]) <= 699]
    if classless:
        h.fail("a code of no class reached the caller: %s" % classless[:10])
    else:
        h.ok("no response with a code outside 100..699 reached the caller "
             "(%d responses)" % sum(len(c.responses) for c in all_cases))

    # C: CANCELs of ringing INVITEs.
    for c in cancels:
        got_cancel = [r for r in c.gw_requests if r[0] == b"CANCEL"]
        if not reached(c, "request CANCEL"):
            if got_cancel:
                h.fail("%s: the gateway got a CANCEL that never reached the script" % c.label)
            else:
                h.ok("%s: dropped by Kamailio before the script; the INVITE ended %s" % (
                    c.label, c.finals))
            continue
        reasons = headers_of(got_cancel[0][2], b"reason") if got_cancel else []
        if (b"\n" in (c.reason or b"") and not got_cancel and not c.cancel_answers
                and c.finals == [480]):
            # The bare LF ends the Reason line; what follows is no header.
            h.ok("%s: reached the script, whose headers do not parse: dropped, nothing "
                 "relayed (Kamailio can build no answer to it)" % c.label)
        elif (len(got_cancel) == 1 and len(reasons) == 1 and c.cancel_answers == [200]
                and c.finals == [487]):
            h.ok("%s: 200 to the CANCEL, 487 to the INVITE, one Reason header at the "
                 "gateway (%d bytes)" % (c.label, len(reasons[0])))
        else:
            h.fail("%s: gateway CANCELs %d, Reason headers %d, answers to the CANCEL %s, "
                   "to the INVITE %s" % (c.label, len(got_cancel), len(reasons),
                                         c.cancel_answers, c.finals))

    # D: CANCELs of nothing: once to the gateway (no loop), answer relayed.
    for c in nocancel:
        got = [r for r in c.gw_requests if r[0] == b"CANCEL"]
        loops = len([m for m in marks.get(c.cid, []) if m.startswith("request CANCEL")])
        vias = len(headers_of(got[0][2], b"via")) if got else 0
        if len(got) == 1 and loops == 1 and vias == 2 and c.cancel_answers == [481]:
            h.ok("%s: forwarded statelessly to the gateway once (Request-URI %s), "
                 "its 481 back to the caller" % (c.label, show(got[0][1].split(b" ")[1])))
        else:
            h.fail("%s: the gateway got %d CANCEL(s) (%d Vias), the script saw it %d "
                   "time(s), the caller got %s" % (c.label, len(got), vias, loops,
                                                   c.cancel_answers))

    for c in strays:
        codes = [r[0] for r in c.responses]
        if sorted(codes) == sorted(c.want) and reached(c, "reply"):
            h.ok("%s: reached the reply route; the caller got %s" % (
                c.label, codes or "nothing"))
        else:
            h.fail("%s: reached the reply route: %s; the caller got %s, expected %s" % (
                c.label, reached(c, "reply"), codes, sorted(c.want)))

    seen = sum(1 for ms in marks.values() for m in ms if m.startswith(("request", "reply")))
    print("hostile: %d messages sent to Kamailio, %d reached the routing script, %d "
          "dropped before it by Kamailio's parser" % (h.sent, seen, h.sent - seen))
    print("hostile: %d cases, %d of whose first message reached the script, %d answered" % (
        len(all_cases), n_reached, n_answered))


if __name__ == "__main__":
    sys.exit(main())
