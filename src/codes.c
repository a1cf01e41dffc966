/*
 * codes.c - the SIP response-code table.
 *
 * Mirrors the IANA registry "Session Initiation Protocol (SIP) Parameters",
 * sub-registry "Response Codes" (https://www.iana.org/assignments/sip-parameters),
 * whose entries come from RFC 3261 §21 and the extension RFCs named in the
 * rfc column.  Each phrase is spelled exactly as the section heading of that
 * RFC spells it; where a later RFC renamed a code (RFC 8224 for 436 and 437,
 * RFC 6665 for 202 and 489) the later RFC is the one named.  Status follows
 * the registry: 202 is marked deprecated by RFC 6665.  Codes that only the
 * obsolete RFC 2543 defined are kept as SIPC_HISTORIC so that a script
 * meeting them from an old peer can still name them.
 *
 * The descriptions are written for this project from the definition in the
 * defining RFC: what the code means and what its receiver should do.
 *
 * Keep the rows in ascending order of code: sipc_find() searches by halves.
 */
#include "sipcodes.h"

#define ROW(code, reason, name, rfc, status, description) \
  { reason, name, description, code, rfc, status }

#define C SIPC_CURRENT
#define D SIPC_DEPRECATED
#define H SIPC_HISTORIC

const struct sipc_code sipc_codes[] = {
  /* 1xx Provisional */
  ROW(100, "Trying", "TRYING", 3261, C,
      "The next hop has received the request and is working on it; an INVITE "
      "is then no longer retransmitted, but over an unreliable transport a "
      "non-INVITE still is, every T2, until a final response."),
  ROW(180, "Ringing", "RINGING", 3261, C,
      "The called user agent has found the user and is alerting them; the "
      "caller should wait for a final answer."),
  ROW(181, "Call Is Being Forwarded", "CALL_IS_BEING_FORWARDED", 3261, C,
      "A proxy is forwarding the call to other destinations; the caller "
      "should keep waiting."),
  ROW(182, "Queued", "QUEUED", 3261, C,
      "The called party is temporarily unavailable and the call has been "
      "queued rather than rejected; the caller should keep waiting."),
  ROW(183, "Session Progress", "SESSION_PROGRESS", 3261, C,
      "The call is progressing and the response may carry early media or "
      "progress details; the caller should keep waiting."),
  ROW(199, "Early Dialog Terminated", "EARLY_DIALOG_TERMINATED", 6228, C,
      "An early dialog, typically of a forked INVITE, ended before the final "
      "response; the caller might release the resources it kept for it and "
      "must send no more media on it."),

  /* 2xx Success */
  ROW(200, "OK", "OK", 3261, C,
      "The request has succeeded; for an INVITE the call is answered and "
      "the caller must acknowledge it with an ACK."),
  ROW(202, "Accepted", "ACCEPTED", 6665, D,
      "Deprecated by RFC 6665: it means no more than 200, a receiver treats "
      "it as 200, and it must not be sent to a SUBSCRIBE, NOTIFY or REFER."),
  ROW(204, "No Notification", "NO_NOTIFICATION", 5839, C,
      "The subscription was refreshed but no notification follows because "
      "the state has not changed since the version the subscriber holds."),

  /* 3xx Redirection */
  ROW(300, "Multiple Choices", "MULTIPLE_CHOICES", 3261, C,
      "The address resolved to several locations listed in Contact; the "
      "caller may try one or more of them."),
  ROW(301, "Moved Permanently", "MOVED_PERMANENTLY", 3261, C,
      "The user can no longer be found at this address; the caller should "
      "retry at the Contact address and update its records."),
  ROW(302, "Moved Temporarily", "MOVED_TEMPORARILY", 3261, C,
      "The user is temporarily at another address; the caller should retry "
      "the request at the Contact address."),
  ROW(305, "Use Proxy", "USE_PROXY", 3261, C,
      "The resource must be reached through the proxy given in Contact; the "
      "caller should retry the request through that proxy."),
  ROW(380, "Alternative Service", "ALTERNATIVE_SERVICE", 3261, C,
      "The call did not succeed but alternative services, described in the "
      "body, are possible; the caller may try them."),

  /* 4xx Client Error */
  ROW(400, "Bad Request", "BAD_REQUEST", 3261, C,
      "The request could not be understood because of malformed syntax; "
      "the sender should fix the request before sending it again."),
  ROW(401, "Unauthorized", "UNAUTHORIZED", 3261, C,
      "The request requires user authentication; the sender should retry "
      "with credentials that answer the WWW-Authenticate challenge."),
  ROW(402, "Payment Required", "PAYMENT_REQUIRED", 3261, C,
      "Reserved for future use; a receiver treats it as a plain client "
      "error."),
  ROW(403, "Forbidden", "FORBIDDEN", 3261, C,
      "The server understood the request but refuses to fulfil it; "
      "authorization will not help and the request should not be repeated."),
  ROW(404, "Not Found", "NOT_FOUND", 3261, C,
      "The user does not exist in the domain named in the Request-URI, or "
      "the domain is not one this server handles."),
  ROW(405, "Method Not Allowed", "METHOD_NOT_ALLOWED", 3261, C,
      "The method is understood but not allowed for this address; the Allow "
      "header lists the methods that are."),
  ROW(406, "Not Acceptable", "NOT_ACCEPTABLE", 3261, C,
      "The resource can only produce content that the Accept header fields "
      "of the request do not allow."),
  ROW(407, "Proxy Authentication Required", "PROXY_AUTHENTICATION_REQUIRED",
      3261, C,
      "A proxy requires the sender to authenticate; the sender should retry "
      "with credentials that answer the Proxy-Authenticate challenge."),
  ROW(408, "Request Timeout", "REQUEST_TIMEOUT", 3261, C,
      "The server could not answer in time, for example as it could not "
      "locate the user, and the client may retry later; stateful servers never "
      "send it to a non-INVITE, so there it is a local timeout."),
  ROW(409, "Conflict", "CONFLICT", 2543, H,
      "Defined only by the obsolete RFC 2543: the request conflicted with "
      "the current state of the resource; current SIP does not use it."),
  ROW(410, "Gone", "GONE", 3261, C,
      "The user existed once but is no longer available here and no "
      "forwarding address is known; the address should not be used again."),
  ROW(411, "Length Required", "LENGTH_REQUIRED", 2543, H,
      "Defined only by the obsolete RFC 2543: the server wanted a "
      "Content-Length; current SIP does not use it."),
  ROW(412, "Conditional Request Failed", "CONDITIONAL_REQUEST_FAILED", 3903,
      C,
      "The entity tag in the conditional PUBLISH does not match any "
      "publication the server holds; the publisher should publish afresh."),
  ROW(413, "Request Entity Too Large", "REQUEST_ENTITY_TOO_LARGE", 3261, C,
      "The request body is larger than the server will process; the sender "
      "should retry without the body or with a smaller one, or after "
      "Retry-After if given."),
  ROW(414, "Request-URI Too Long", "REQUEST_URI_TOO_LONG", 3261, C,
      "The Request-URI is longer than the server is willing to interpret."),
  ROW(415, "Unsupported Media Type", "UNSUPPORTED_MEDIA_TYPE", 3261, C,
      "The body's format, encoding or language is not supported; the Accept "
      "header fields of the response list what is."),
  ROW(416, "Unsupported URI Scheme", "UNSUPPORTED_URI_SCHEME", 3261, C,
      "The server does not understand the scheme of the Request-URI; the "
      "sender should retry with a SIP URI."),
  ROW(417, "Unknown Resource-Priority", "UNKNOWN_RESOURCE_PRIORITY", 4412, C,
      "The request named resource-priority in Require but the server "
      "understands none of its Resource-Priority values; by local policy the "
      "response may list those it accepts in Accept-Resource-Priority."),
  ROW(420, "Bad Extension", "BAD_EXTENSION", 3261, C,
      "The server does not support an extension the request lists in "
      "Proxy-Require or Require; the Unsupported header names it."),
  ROW(421, "Extension Required", "EXTENSION_REQUIRED", 3261, C,
      "The server needs an extension the request did not list in Supported; "
      "the Require header names it."),
  ROW(422, "Session Interval Too Small", "SESSION_INTERVAL_TOO_SMALL", 4028,
      C,
      "The session interval in Session-Expires is below the server's "
      "minimum; the sender may retry with an interval of at least the value "
      "in Min-SE."),
  ROW(423, "Interval Too Brief", "INTERVAL_TOO_BRIEF", 3261, C,
      "The expiration time of the resource refreshed by the request is too "
      "short; the sender may retry with an expiration of at least "
      "Min-Expires."),
  ROW(424, "Bad Location Information", "BAD_LOCATION_INFORMATION", 6442, C,
      "The location information in the request was malformed, unsatisfactory "
      "or could not be dereferenced; Geolocation-Error says why and the "
      "sender may correct it and retry."),
  ROW(425, "Bad Alert Message", "BAD_ALERT_MESSAGE", 8876, C,
      "The emergency alert (CAP) in the request was so malformed that no "
      "reasonable emergency response to it can be determined; AlertMsg-Error "
      "says what was wrong."),
  ROW(428, "Use Identity Header", "USE_IDENTITY_HEADER", 8224, C,
      "The server requires an Identity header it can verify and the request "
      "had none, or none of a PASSporT type (ppt) it supports; the sender "
      "should add one and retry."),
  ROW(429, "Provide Referrer Identity", "PROVIDE_REFERRER_IDENTITY", 3892, C,
      "The refer target requires a valid Referred-By token in the request "
      "the REFER triggered; the referrer should supply one."),
  ROW(430, "Flow Failed", "FLOW_FAILED", 5626, C,
      "An edge proxy tells the authoritative proxy that one flow to the user "
      "agent failed, and that proxy should try another flow; a user agent "
      "that receives it treats it as 400."),
  ROW(433, "Anonymity Disallowed", "ANONYMITY_DISALLOWED", 5079, C,
      "The server refuses anonymous requests; the caller must not retry "
      "without anonymity unless the user consents to revealing their "
      "identity."),
  ROW(436, "Bad Identity Info", "BAD_IDENTITY_INFO", 8224, C,
      "The verifier could not obtain the credential the Identity header's "
      "info parameter points to; the signer should give an info URI the "
      "verifier can reach."),
  ROW(437, "Unsupported Credential", "UNSUPPORTED_CREDENTIAL", 8224, C,
      "The verifier obtained the credential that signed the Identity header "
      "but does not support it, for example it does not trust its issuer."),
  ROW(438, "Invalid Identity Header", "INVALID_IDENTITY_HEADER", 8224, C,
      "The Identity header's signature did not verify against the request; "
      "the request may have been altered in transit."),
  ROW(439, "First Hop Lacks Outbound Support", "FIRST_HOP_LACKS_OUTBOUND_SUPPORT",
      5626, C,
      "The registrar supports outbound but the first hop proxy does not, so "
      "the registration cannot use outbound flows."),
  ROW(440, "Max-Breadth Exceeded", "MAX_BREADTH_EXCEEDED", 5393, C,
      "A proxy had too little Max-Breadth left to fork the request in "
      "parallel to every destination it wanted, so some were not tried; "
      "narrow the search or refine the request."),
  ROW(469, "Bad Info Package", "BAD_INFO_PACKAGE", 6086, C,
      "The INFO request named an Info Package the receiver has not agreed "
      "to; the Recv-Info header lists those it will take."),
  ROW(470, "Consent Needed", "CONSENT_NEEDED", 5360, C,
      "A URI-list relay has no permission to send to the URIs in "
      "Permission-Missing; the client should add them to the relay's "
      "permission list so the relay can ask their consent."),
  ROW(480, "Temporarily Unavailable", "TEMPORARILY_UNAVAILABLE", 3261, C,
      "The callee was reached but is not available now, or a proxy knows the "
      "user but has no current location (for example, not registered); the "
      "caller may retry later, after Retry-After if given."),
  ROW(481, "Call/Transaction Does Not Exist", "CALL_TRANSACTION_DOES_NOT_EXIST",
      3261, C,
      "The request matched no existing dialog or transaction at the "
      "server."),
  ROW(482, "Loop Detected", "LOOP_DETECTED", 3261, C,
      "The server found that the request is looping back to itself."),
  ROW(483, "Too Many Hops", "TOO_MANY_HOPS", 3261, C,
      "The request's Max-Forwards reached zero before it reached its "
      "destination."),
  ROW(484, "Address Incomplete", "ADDRESS_INCOMPLETE", 3261, C,
      "The Request-URI was incomplete, for example a partly dialled number; "
      "the caller should supply more digits."),
  ROW(485, "Ambiguous", "AMBIGUOUS", 3261, C,
      "The Request-URI matched several users; the response may list them "
      "in Contact for the caller to choose from."),
  ROW(486, "Busy Here", "BUSY_HERE", 3261, C,
      "The callee was reached but is not willing or able to take another "
      "call at this end system; the caller may try again later or "
      "elsewhere."),
  ROW(487, "Request Terminated", "REQUEST_TERMINATED", 3261, C,
      "The request was ended by a BYE or CANCEL before it got a final "
      "answer."),
  ROW(488, "Not Acceptable Here", "NOT_ACCEPTABLE_HERE", 3261, C,
      "Some aspect of the session description, such as media or codecs, is "
      "not acceptable at this user agent; a Warning header may say which."),
  ROW(489, "Bad Event", "BAD_EVENT", 6665, C,
      "The SUBSCRIBE, NOTIFY or PUBLISH named an event package the server "
      "does not understand; an Allow-Events header, if present, lists those "
      "it does."),
  ROW(491, "Request Pending", "REQUEST_PENDING", 3261, C,
      "Another request is still pending within the same dialog; the sender "
      "should retry after a short random wait."),
  ROW(493, "Undecipherable", "UNDECIPHERABLE", 3261, C,
      "The request held an encrypted MIME body for which the receiver has "
      "no suitable key."),
  ROW(494, "Security Agreement Required", "SECURITY_AGREEMENT_REQUIRED", 3329,
      C,
      "The server requires a security agreement before it takes the "
      "request; the Security-Server header lists the mechanisms it offers."),

  /* 5xx Server Error */
  ROW(500, "Server Internal Error", "SERVER_INTERNAL_ERROR", 3261, C,
      "The server met an unexpected condition that kept it from fulfilling "
      "the request; the sender may retry after Retry-After, if given."),
  ROW(501, "Not Implemented", "NOT_IMPLEMENTED", 3261, C,
      "The server does not support the method of the request for any user."),
  ROW(502, "Bad Gateway", "BAD_GATEWAY", 3261, C,
      "A server acting as gateway or proxy got an invalid response from a "
      "server further on."),
  ROW(503, "Service Unavailable", "SERVICE_UNAVAILABLE", 3261, C,
      "The server is overloaded or under maintenance; the sender should try "
      "another server, or this one after Retry-After."),
  ROW(504, "Server Time-out", "SERVER_TIME_OUT", 3261, C,
      "A server further on did not answer in time; the request did not get "
      "a timely response."),
  ROW(505, "Version Not Supported", "VERSION_NOT_SUPPORTED", 3261, C,
      "The server does not support the SIP protocol version of the request."),
  ROW(513, "Message Too Large", "MESSAGE_TOO_LARGE", 3261, C,
      "The message is longer than the server can process."),
  ROW(555, "Push Notification Service Not Supported",
      "PUSH_NOTIFICATION_SERVICE_NOT_SUPPORTED", 8599, C,
      "The proxy does not support the push notification service named in "
      "the registration's pn-provider parameter."),
  ROW(580, "Precondition Failure", "PRECONDITION_FAILURE", 3312, C,
      "The session could not be set up because a required precondition, "
      "such as a resource reservation, could not be met."),

  /* 6xx Global Failure */
  ROW(600, "Busy Everywhere", "BUSY_EVERYWHERE", 3261, C,
      "The callee was reached but is busy and knows no other end system "
      "would take the call; the caller should not try elsewhere."),
  ROW(603, "Decline", "DECLINE", 3261, C,
      "The callee was reached but explicitly declines the call; the caller "
      "may retry after Retry-After, if given, but not elsewhere."),
  ROW(604, "Does Not Exist Anywhere", "DOES_NOT_EXIST_ANYWHERE", 3261, C,
      "The server has authoritative information that the user in the "
      "Request-URI does not exist anywhere."),
  ROW(606, "Not Acceptable", "NOT_ACCEPTABLE_ANYWHERE", 3261, C,
      "The user was reached but some aspect of the session description is "
      "not acceptable to them anywhere."),
  ROW(607, "Unwanted", "UNWANTED", 8197, C,
      "The called party did not want this call, for example as unwanted or "
      "nuisance calling; networks may use this to spot such callers."),
  ROW(608, "Rejected", "REJECTED", 8688, C,
      "An intermediary, not the callee, rejected the call, for example by "
      "call-analytics policy; a Call-Info header may say how to contest it."),
};

const size_t sipc_ncodes = sizeof sipc_codes / sizeof sipc_codes[0];

size_t sipc_after(int code)
{
  size_t lo = 0, hi = sipc_ncodes;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sipc_codes[mid].code <= code) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const struct sipc_code *sipc_find(int code)
{
  size_t i = sipc_after(code - 1);
  return (i < sipc_ncodes && sipc_codes[i].code == code) ? &sipc_codes[i]
                                                         : NULL;
}
