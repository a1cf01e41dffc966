/*
 * q850.c - ITU-T Q.850 cause values and their mapping to SIP responses,
 * in profiles: rows of one table (profiles[] below), each naming its
 * source.  Adding a profile is adding a row and its spec; the functions
 * below read the row and never ask which profile it is.
 *
 *  "rfc3398"     RFC 3398 (SIP-ISUP interworking), the default: §7.2.4.1
 *                maps a Q.850 cause received in an ISUP REL to a SIP
 *                response, and "If a cause value other than those listed
 *                below is received, the default response '500 Server
 *                internal error' SHOULD be used."  Cause 16 (normal call
 *                clearing) gets no response: the table gives it none, and
 *                its note says it "will usually result in a BYE or CANCEL".
 *                §8.2.6.1 maps a SIP failure response (3xx..6xx) to the
 *                cause sent in the REL, 31 for responses it does not list.
 *  "freeswitch"  FreeSWITCH's mod_sofia: hangup_cause_to_sip() in
 *                mod_sofia.c and sofia_glue_sip_cause_to_freeswitch() in
 *                sofia_glue.c.  Their comments cite RFC 4497 (SIP-QSIG)
 *                §8.4.1 and §8.4.4, and FreeSWITCH follows those tables
 *                only in part: where RFC 4497 answers 500 for a cause it
 *                does not list, FreeSWITCH answers 480 (its "default:"),
 *                and where RFC 4497 gives cause 31 for a response it does
 *                not list, FreeSWITCH has rows of its own (607 UNWANTED,
 *                487 ORIGINATOR_CANCEL, the STIR/SHAKEN causes for 428,
 *                429, 437 and 438).  It also differs from RFC 3398 (21 ->
 *                603, not 403; 485 and 604 -> 3, not 1; 488 and 606 -> 88,
 *                not 31; 200 -> 16).  FreeSWITCH turns any number into a
 *                cause (switch_channel_str2cause() reads digits with
 *                atoi()), so this profile takes every number 0..127 and
 *                every name of switch_channel.c's CAUSE_CHART, NONE
 *                included.  Its own causes above 127 (ORIGINATOR_CANCEL,
 *                GATEWAY_DOWN, ...) are taken by name only: their numbers
 *                changed between releases (UNWANTED was 619 before 1.10.8,
 *                819 since) and mean nothing outside one build.
 *
 * An answer that comes from no row of the profile is its default, and the
 * functions say so with a last value "default".  The cause texts follow
 * ITU-T Q.850 Table 1; the names are FreeSWITCH's (switch_types.h), the
 * names its scripts and channel variables use.
 */
#include <string.h>

#include "sipcodes.h"
#include "text.h"

struct cause {
  unsigned char cause;
  const char *name;  /* FreeSWITCH hangup-cause name, or NULL */
  const char *text;  /* Q.850 wording */
};

/* Every cause Q.850 assigns (Table 1, with 14 from Addendum 1 and 24 from
 * Amendment 1), ascending.  45, 52 and 54 are Q.931/ANSI values that
 * FreeSWITCH names; every other number in 1..127 is unassigned. */
static const struct cause causes[] = {
  {1, "UNALLOCATED_NUMBER", "Unallocated (unassigned) number"},
  {2, "NO_ROUTE_TRANSIT_NET", "No route to specified transit network"},
  {3, "NO_ROUTE_DESTINATION", "No route to destination"},
  {4, NULL, "Send special information tone"},
  {5, NULL, "Misdialled trunk prefix"},
  {6, "CHANNEL_UNACCEPTABLE", "Channel unacceptable"},
  {7, "CALL_AWARDED_DELIVERED",
   "Call awarded and being delivered in an established channel"},
  {8, NULL, "Preemption"},
  {9, NULL, "Preemption - circuit reserved for reuse"},
  {14, NULL, "QoR: ported number"},
  {16, "NORMAL_CLEARING", "Normal call clearing"},
  {17, "USER_BUSY", "User busy"},
  {18, "NO_USER_RESPONSE", "No user responding"},
  {19, "NO_ANSWER", "No answer from user (user alerted)"},
  {20, "SUBSCRIBER_ABSENT", "Subscriber absent"},
  {21, "CALL_REJECTED", "Call rejected"},
  {22, "NUMBER_CHANGED", "Number changed"},
  {23, "REDIRECTION_TO_NEW_DESTINATION", "Redirection to new destination"},
  {24, NULL, "Call rejected due to feature at the destination"},
  {25, "EXCHANGE_ROUTING_ERROR", "Exchange routing error"},
  {26, NULL, "Non-selected user clearing"},
  {27, "DESTINATION_OUT_OF_ORDER", "Destination out of order"},
  {28, "INVALID_NUMBER_FORMAT", "Invalid number format (address incomplete)"},
  {29, "FACILITY_REJECTED", "Facility rejected"},
  {30, "RESPONSE_TO_STATUS_ENQUIRY", "Response to STATUS ENQUIRY"},
  {31, "NORMAL_UNSPECIFIED", "Normal, unspecified"},
  {34, "NORMAL_CIRCUIT_CONGESTION", "No circuit/channel available"},
  {38, "NETWORK_OUT_OF_ORDER", "Network out of order"},
  {39, NULL, "Permanent frame mode connection out of service"},
  {40, NULL, "Permanent frame mode connection operational"},
  {41, "NORMAL_TEMPORARY_FAILURE", "Temporary failure"},
  {42, "SWITCH_CONGESTION", "Switching equipment congestion"},
  {43, "ACCESS_INFO_DISCARDED", "Access information discarded"},
  {44, "REQUESTED_CHAN_UNAVAIL", "Requested circuit/channel not available"},
  {45, "PRE_EMPTED", "Pre-empted"},
  {46, NULL, "Precedence call blocked"},
  {47, NULL, "Resource unavailable, unspecified"},
  {49, NULL, "Quality of service not available"},
  {50, "FACILITY_NOT_SUBSCRIBED", "Requested facility not subscribed"},
  {52, "OUTGOING_CALL_BARRED", "Outgoing calls barred"},
  {53, NULL, "Outgoing calls barred within CUG"},
  {54, "INCOMING_CALL_BARRED", "Incoming calls barred"},
  {55, NULL, "Incoming calls barred within CUG"},
  {57, "BEARERCAPABILITY_NOTAUTH", "Bearer capability not authorized"},
  {58, "BEARERCAPABILITY_NOTAVAIL",
   "Bearer capability not presently available"},
  {62, NULL, "Inconsistency in designated outgoing access information and "
             "subscriber class"},
  {63, "SERVICE_UNAVAILABLE", "Service or option not available, unspecified"},
  {65, "BEARERCAPABILITY_NOTIMPL", "Bearer capability not implemented"},
  {66, "CHAN_NOT_IMPLEMENTED", "Channel type not implemented"},
  {69, "FACILITY_NOT_IMPLEMENTED", "Requested facility not implemented"},
  {70, NULL, "Only restricted digital information bearer capability is "
             "available"},
  {79, "SERVICE_NOT_IMPLEMENTED",
   "Service or option not implemented, unspecified"},
  {81, "INVALID_CALL_REFERENCE", "Invalid call reference value"},
  {82, NULL, "Identified channel does not exist"},
  {83, NULL, "A suspended call exists, but this call identity does not"},
  {84, NULL, "Call identity in use"},
  {85, NULL, "No call suspended"},
  {86, NULL, "Call having the requested call identity has been cleared"},
  {87, NULL, "User not member of CUG"},
  {88, "INCOMPATIBLE_DESTINATION", "Incompatible destination"},
  {90, NULL, "Non-existent CUG"},
  {91, NULL, "Invalid transit network selection"},
  {95, "INVALID_MSG_UNSPECIFIED", "Invalid message, unspecified"},
  {96, "MANDATORY_IE_MISSING", "Mandatory information element is missing"},
  {97, "MESSAGE_TYPE_NONEXIST",
   "Message type non-existent or not implemented"},
  {98, "WRONG_MESSAGE", "Message not compatible with call state or message "
                        "type non-existent or not implemented"},
  {99, "IE_NONEXIST",
   "Information element/parameter non-existent or not implemented"},
  {100, "INVALID_IE_CONTENTS", "Invalid information element contents"},
  {101, "WRONG_CALL_STATE", "Message not compatible with call state"},
  {102, "RECOVERY_ON_TIMER_EXPIRE", "Recovery on timer expiry"},
  {103, "MANDATORY_IE_LENGTH_ERROR",
   "Parameter non-existent or not implemented, passed on"},
  {110, NULL, "Message with unrecognized parameter, discarded"},
  {111, "PROTOCOL_ERROR", "Protocol error, unspecified"},
  {127, "INTERWORKING", "Interworking, unspecified"},
};


#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A row of a profile's cause -> response table, keyed by the cause, or,
 * when name is set, by a cause name with no Q.850 value (FreeSWITCH's own
 * causes above 127). */
struct to_row {
  unsigned char cause;
  const char *name;
  unsigned short code;
};

/* A row of a profile's response -> cause table.  name, when set, names a
 * cause with no Q.850 value, reported as the Q.850 value `cause`.  A row
 * with cause 0 and no name maps the response to no cause at all. */
struct from_row {
  unsigned short code;
  unsigned char cause;
  const char *name;
};

/* RFC 3398 §7.2.4.1, cause -> response.  Cause 22 gives 410 without a
 * diagnostic (301 with one); cause 21 may give a 6xx instead of 403 when
 * the cause location is "user". */
static const struct to_row rfc3398_to[] = {
  {1, NULL, 404}, {2, NULL, 404}, {3, NULL, 404}, {17, NULL, 486},
  {18, NULL, 408}, {19, NULL, 480}, {20, NULL, 480}, {21, NULL, 403},
  {22, NULL, 410}, {23, NULL, 410}, {26, NULL, 404}, {27, NULL, 502},
  {28, NULL, 484}, {29, NULL, 501}, {31, NULL, 480}, {34, NULL, 503},
  {38, NULL, 503}, {41, NULL, 503}, {42, NULL, 503}, {47, NULL, 503},
  {55, NULL, 403}, {57, NULL, 403}, {58, NULL, 503}, {65, NULL, 488},
  {70, NULL, 488}, {79, NULL, 501}, {87, NULL, 403}, {88, NULL, 503},
  {102, NULL, 504}, {111, NULL, 500}, {127, NULL, 500},
};

/* RFC 3398 §8.2.6.1, response -> cause.  487 has no cause (the gateway
 * itself cancelled); 488 and 606 map by their Warning header, 31 without
 * one, which is what is given here. */
static const struct from_row rfc3398_from[] = {
  {400, 41, NULL}, {401, 21, NULL}, {402, 21, NULL}, {403, 21, NULL},
  {404, 1, NULL}, {405, 63, NULL}, {406, 79, NULL}, {407, 21, NULL},
  {408, 102, NULL}, {410, 22, NULL}, {413, 127, NULL}, {414, 127, NULL},
  {415, 79, NULL}, {416, 127, NULL}, {420, 127, NULL}, {421, 127, NULL},
  {423, 127, NULL}, {480, 18, NULL}, {481, 41, NULL}, {482, 25, NULL},
  {483, 25, NULL}, {484, 28, NULL}, {485, 1, NULL}, {486, 17, NULL},
  {487, 0, NULL}, {488, 31, NULL}, {500, 41, NULL}, {501, 79, NULL},
  {502, 38, NULL}, {503, 41, NULL}, {504, 102, NULL}, {505, 127, NULL},
  {513, 127, NULL}, {600, 17, NULL}, {603, 21, NULL}, {604, 1, NULL},
  {606, 31, NULL},
};

/* mod_sofia hangup_cause_to_sip(), cause -> response, with FreeSWITCH's
 * own causes by name. */
static const struct to_row freeswitch_to[] = {
  {1, NULL, 404}, {2, NULL, 404}, {3, NULL, 404}, {17, NULL, 486},
  {18, NULL, 408}, {19, NULL, 480}, {20, NULL, 480}, {21, NULL, 603},
  {22, NULL, 410}, {23, NULL, 410}, {25, NULL, 483}, {27, NULL, 502},
  {28, NULL, 484}, {29, NULL, 501}, {31, NULL, 480}, {34, NULL, 503},
  {38, NULL, 503}, {41, NULL, 503}, {42, NULL, 503}, {44, NULL, 503},
  {52, NULL, 403}, {54, NULL, 403}, {57, NULL, 403}, {58, NULL, 503},
  {65, NULL, 488}, {69, NULL, 501}, {79, NULL, 501}, {88, NULL, 488},
  {102, NULL, 504},
  {0, "ORIGINATOR_CANCEL", 487}, {0, "INVALID_PROFILE", 502},
  {0, "INVALID_URL", 484}, {0, "INVALID_GATEWAY", 484},
  {0, "GATEWAY_DOWN", 503}, {0, "BUSY_EVERYWHERE", 600},
  {0, "DECLINE", 603}, {0, "REJECT_ALL", 603},
  {0, "DOES_NOT_EXIST_ANYWHERE", 604}, {0, "NOT_ACCEPTABLE", 606},
  {0, "UNWANTED", 607}, {0, "NO_IDENTITY", 428},
  {0, "BAD_IDENTITY_INFO", 429}, {0, "UNSUPPORTED_CERTIFICATE", 437},
  {0, "INVALID_IDENTITY", 438}, {0, "STALE_DATE", 403},
};

/* FreeSWITCH reports its own causes (above 127) as 16 in Q.850 terms
 * (switch_channel_cause_q850). */
#define FS_OWN 16

/* sofia_glue_sip_cause_to_freeswitch(), response -> cause.  (It maps 429
 * to BAD_IDENTITY_INFO, as written.) */
static const struct from_row freeswitch_from[] = {
  {200, 16, NULL}, {400, 41, NULL}, {401, 21, NULL}, {402, 21, NULL},
  {403, 21, NULL}, {404, 1, NULL}, {405, 63, NULL}, {406, 79, NULL},
  {407, 21, NULL}, {408, 102, NULL}, {410, 22, NULL}, {413, 127, NULL},
  {414, 127, NULL}, {415, 79, NULL}, {416, 127, NULL}, {420, 127, NULL},
  {421, 127, NULL}, {423, 127, NULL}, {428, FS_OWN, "NO_IDENTITY"},
  {429, FS_OWN, "BAD_IDENTITY_INFO"}, {437, FS_OWN, "UNSUPPORTED_CERTIFICATE"},
  {438, FS_OWN, "INVALID_IDENTITY"}, {480, 18, NULL}, {481, 41, NULL},
  {482, 25, NULL}, {483, 25, NULL}, {484, 28, NULL}, {485, 3, NULL},
  {486, 17, NULL}, {487, FS_OWN, "ORIGINATOR_CANCEL"}, {488, 88, NULL},
  {500, 41, NULL}, {501, 79, NULL}, {502, 38, NULL}, {503, 41, NULL},
  {504, 102, NULL}, {505, 127, NULL}, {513, 127, NULL}, {600, 17, NULL},
  {603, 21, NULL}, {604, 3, NULL}, {606, 88, NULL},
  {607, FS_OWN, "UNWANTED"}, {608, 21, NULL},
};

/* FreeSWITCH's cause names with no Q.850 value (CAUSE_CHART in
 * switch_channel.c): NONE (0) and its own causes. */
static const char *const freeswitch_own[] = {
  "NONE", "SUCCESS", "ORIGINATOR_CANCEL", "CRASH", "SYSTEM_SHUTDOWN",
  "LOSE_RACE", "MANAGER_REQUEST", "BLIND_TRANSFER", "ATTENDED_TRANSFER",
  "ALLOTTED_TIMEOUT", "USER_CHALLENGE", "MEDIA_TIMEOUT", "PICKED_OFF",
  "USER_NOT_REGISTERED", "PROGRESS_TIMEOUT", "INVALID_GATEWAY",
  "GATEWAY_DOWN", "INVALID_URL", "INVALID_PROFILE", "NO_PICKUP",
  "SRTP_READ_ERROR", "BOWOUT", "BUSY_EVERYWHERE", "DECLINE",
  "DOES_NOT_EXIST_ANYWHERE", "NOT_ACCEPTABLE", "UNWANTED", "NO_IDENTITY",
  "BAD_IDENTITY_INFO", "UNSUPPORTED_CERTIFICATE", "INVALID_IDENTITY",
  "STALE_DATE", "REJECT_ALL",
};

struct profile {
  const char *name;            /* as a script passes it */
  /* to_sip */
  const char *to_source;       /* cited in messages */
  const char *expected;        /* what a cause is, for a refused value */
  const struct to_row *to;
  size_t nto;
  unsigned short to_default;   /* the response for a cause with no row */
  unsigned char min_cause;     /* 0 when cause 0 is taken, else 1 */
  unsigned char silent;        /* a cause given no response, or 0 */
  const char *silent_why;
  const char *const *own;      /* cause names with no Q.850 value taken */
  size_t nown;
  const char *above;           /* what integers above 127 are, or NULL */
  /* from_sip */
  const char *from_source;
  const struct from_row *from;
  size_t nfrom;
  unsigned short from_min;     /* the lowest code given a cause */
  const char *from_range;      /* the codes given a cause, for messages */
  unsigned char from_default;  /* the cause of a code with no row */
};

/* The first row is the default profile. */
static const struct profile profiles[] = {
  {"rfc3398", "RFC 3398 §7.2.4.1", SIPC_NOT_A_CAUSE,
   rfc3398_to, COUNT(rfc3398_to), 500, 1,
   16, "it \"will usually result in a BYE or CANCEL\"", NULL, 0, NULL,
   "RFC 3398 §8.2.6.1", rfc3398_from, COUNT(rfc3398_from),
   300, "failure responses (3xx..6xx)", 31},
  {"freeswitch", "mod_sofia's hangup_cause_to_sip",
   "expected a cause (0..127) or a FreeSWITCH hangup-cause name",
   freeswitch_to, COUNT(freeswitch_to), 480, 0,
   0, NULL, freeswitch_own, COUNT(freeswitch_own),
   "FreeSWITCH's own cause numbers changed between releases (UNWANTED was "
   "619 before 1.10.8, 819 since): pass the cause's name",
   "sofia_glue_sip_cause_to_freeswitch", freeswitch_from,
   COUNT(freeswitch_from), 100, "every code", 31},
};

static const struct cause *find_cause(int n)
{
  size_t i;
  for (i = 0; i < COUNT(causes); i++)
    if (causes[i].cause == n) return &causes[i];
  return NULL;
}

static const struct cause *cause_by_name(const char *s, size_t len)
{
  size_t i;
  for (i = 0; i < COUNT(causes); i++)
    if (causes[i].name && sipc_same_caseless(s, len, causes[i].name)) return &causes[i];
  return NULL;
}

/* The name in p->own equal to s in any case, or NULL. */
static const char *own_by_name(const struct profile *p, const char *s, size_t len)
{
  size_t i;
  for (i = 0; i < p->nown; i++)
    if (sipc_same_caseless(s, len, p->own[i])) return p->own[i];
  return NULL;
}

/* The same, in any profile: for messages about a name no profile at hand
 * takes. */
static const char *own_anywhere(const char *s, size_t len)
{
  size_t i;
  const char *name = NULL;
  for (i = 0; name == NULL && i < COUNT(profiles); i++)
    name = own_by_name(&profiles[i], s, len);
  return name;
}

/* Reads a decimal string of one to three digits into *n. */
static int three_digits(const char *s, size_t len, lua_Number *n)
{
  int v = sipc_digits(s, len);
  if (v < 0) return 0;
  *n = v;
  return 1;
}

/* What read_cause found. */
enum { C_NONE, C_CAUSE, C_OWN, C_ABOVE };

/*
 * Reads the cause at idx as profile p takes it: a number or a decimal
 * string of up to three digits in p->min_cause..127, or the name of a
 * Q.850 cause (C_CAUSE, in *cause); a name in p->own (C_OWN, in *own); an
 * integer above 127 when the profile says what those are (C_ABOVE).
 */
static int read_cause(lua_State *L, int idx, const struct profile *p,
                      int *cause, const char **own)
{
  lua_Number n;
  if (lua_type(L, idx) == LUA_TNUMBER) {
    n = lua_tonumber(L, idx);
  } else if (lua_type(L, idx) == LUA_TSTRING) {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    if (len > 0 && (s[0] < '0' || s[0] > '9')) {
      const struct cause *c = cause_by_name(s, len);
      if (c != NULL) {
        *cause = c->cause;
        return C_CAUSE;
      }
      *own = own_by_name(p, s, len);
      return *own ? C_OWN : C_NONE;
    }
    if (!three_digits(s, len, &n)) return C_NONE;
  } else {
    return C_NONE;
  }
  /* NaN fails every comparison; the range test comes before the cast. */
  if (n >= p->min_cause && n <= 127 && n == (lua_Number)(int)n) {
    *cause = (int)n;
    return C_CAUSE;
  }
  if (p->above != NULL && n > 127 && n < 2147483648.0 &&
      n == (lua_Number)(long)n)
    return C_ABOVE;
  return C_NONE;
}

/* Reads a cause 1..127 given as a number, a decimal string (FreeSWITCH's
 * channel variables are strings) or a hangup-cause name in any case: what
 * the first profile, RFC 3398's, takes as a Q.850 cause. */
int sipc_q850_tocause(lua_State *L, int idx, int *cause)
{
  const char *own = NULL;
  return read_cause(L, idx, &profiles[0], cause, &own) == C_CAUSE;
}

/* The profile named by the value at idx (nil or none: the first); NULL
 * after pushing nil and a message. */
static const struct profile *toprofile(lua_State *L, int idx, const char *fname)
{
  const char *s;
  size_t len, i;
  luaL_Buffer b;
  if (lua_isnoneornil(L, idx)) return &profiles[0];
  if (lua_type(L, idx) == LUA_TSTRING) {
    /* By length: a Lua string may hold NUL, and "freeswitch\0x" is none. */
    s = lua_tolstring(L, idx, &len);
    for (i = 0; i < COUNT(profiles); i++)
      if (strlen(profiles[i].name) == len && memcmp(s, profiles[i].name, len) == 0)
        return &profiles[i];
  }
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "expected a profile ");
  for (i = 0; i < COUNT(profiles); i++) {
    if (i > 0) luaL_addstring(&b, i + 1 == COUNT(profiles) ? " or " : ", ");
    luaL_addchar(&b, '"');
    luaL_addstring(&b, profiles[i].name);
    luaL_addchar(&b, '"');
  }
  luaL_pushresult(&b);
  sipc_fail(L, idx, "%s: %s", fname, lua_tostring(L, -1));
  return NULL;
}

/*
 * sipcodes.q850.to_sip(cause [, profile]) -> code [, "default"]
 *                                          | nil, message
 * cause: a number or decimal string, or a hangup-cause name in any case;
 * each profile says which (see profiles[]).  The second value "default"
 * says the profile has no row for the cause and answered its default.
 */
static int q850_to_sip(lua_State *L)
{
  static const char fname[] = "sipcodes.q850.to_sip";
  const struct profile *p = toprofile(L, 2, fname);
  const char *own = NULL;
  int n = 0;
  size_t i;
  if (p == NULL) return 2;
  switch (read_cause(L, 1, p, &n, &own)) {
  case C_CAUSE:
    if (n == p->silent && n != 0) {
      const struct cause *c = find_cause(n);
      lua_pushnil(L);
      lua_pushfstring(L, "%s: %s maps no response to cause %d (%s): %s",
                      fname, p->to_source, n, c ? c->text : "?",
                      p->silent_why);
      return 2;
    }
    break;
  case C_OWN:
    break;
  case C_ABOVE:
    return sipc_fail(L, 1, "%s: %s", fname, p->above);
  default:
    if (lua_type(L, 1) == LUA_TSTRING) {
      size_t len;
      const char *s = lua_tolstring(L, 1, &len);
      if (own_anywhere(s, len) != NULL) {
        lua_pushnil(L);
        sipc_pushvalue_desc(L, 1);
        lua_pushfstring(L, "%s: %s is a FreeSWITCH cause with no Q.850 "
                        "value (the \"freeswitch\" profile takes it)", fname,
                        lua_tostring(L, -1));
        lua_remove(L, -2);
        return 2;
      }
    }
    return sipc_fail(L, 1, "%s: %s", fname, p->expected);
  }
  for (i = 0; i < p->nto; i++) {
    const struct to_row *r = &p->to[i];
    if (own ? r->name != NULL && strcmp(r->name, own) == 0
            : r->name == NULL && r->cause == n) {
      lua_pushinteger(L, r->code);
      return 1;
    }
  }
  lua_pushinteger(L, p->to_default);
  lua_pushliteral(L, "default");
  return 2;
}

/*
 * sipcodes.q850.from_sip(code [, profile]) -> cause, name [, "default"]
 *                                            | nil, message
 * The cause is a Q.850 value; name is FreeSWITCH's hangup-cause name, nil
 * where FreeSWITCH has none.  In the "freeswitch" profile a cause with no
 * Q.850 value (ORIGINATOR_CANCEL for 487 ...) comes back as 16 with its
 * name, as FreeSWITCH itself reports it.  The third value "default" says
 * the profile has no row for the code and answered its default.
 */
static int q850_from_sip(lua_State *L)
{
  static const char fname[] = "sipcodes.q850.from_sip";
  const struct profile *p = toprofile(L, 2, fname);
  const struct from_row *row = NULL;
  const struct cause *c;
  const char *name;
  int code, cause;
  size_t i;
  if (p == NULL) return 2;
  if (!sipc_tocode(L, 1, &code)) return sipc_fail(L, 1, "%s: " SIPC_NOT_A_CODE, fname);
  if (code < p->from_min) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s maps %s to causes, got %d", fname,
                    p->from_source, p->from_range, code);
    return 2;
  }
  for (i = 0; row == NULL && i < p->nfrom; i++)
    if (p->from[i].code == code) row = &p->from[i];
  if (row != NULL && row->cause == 0 && row->name == NULL) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s gives %d no cause", fname, p->from_source,
                    code);
    return 2;
  }
  cause = row ? row->cause : p->from_default;
  c = find_cause(cause);
  name = row && row->name ? row->name : c ? c->name : NULL;
  lua_pushinteger(L, cause);
  if (name) lua_pushstring(L, name);
  else lua_pushnil(L);
  if (row != NULL) return 2;
  lua_pushliteral(L, "default");
  return 3;
}

/* The cause argument of q850.name and q850.text: 1 with *n set and *c the
 * row of the cause (NULL for a value Q.850 does not assign), or 0 after
 * pushing nil and a message. */
static int cause_arg(lua_State *L, const char *fname, int *n,
                     const struct cause **c)
{
  if (!sipc_q850_tocause(L, 1, n)) {
    sipc_fail(L, 1, "%s: " SIPC_NOT_A_CAUSE, fname);
    return 0;
  }
  *c = find_cause(*n);
  return 1;
}

/* sipcodes.q850.name(cause) -> "USER_BUSY" | nil, message */
static int q850_name(lua_State *L)
{
  static const char fname[] = "sipcodes.q850.name";
  int n;
  const struct cause *c;
  if (!cause_arg(L, fname, &n, &c)) return 2;
  if (c == NULL || c->name == NULL)
    return sipc_fail(L, 0, c ? "%s: cause %d has no hangup-cause name"
                              : "%s: cause %d is not assigned in Q.850, and "
                                "has no hangup-cause name", fname, n);
  lua_pushstring(L, c->name);
  return 1;
}

/* sipcodes.q850.cause(name) -> 19 | nil, message */
static int q850_cause(lua_State *L)
{
  static const char fname[] = "sipcodes.q850.cause";
  size_t len;
  const char *s;
  const struct cause *c;
  if (lua_type(L, 1) != LUA_TSTRING)
    return sipc_fail(L, 1, "%s: expected a hangup-cause name (string)", fname);
  s = lua_tolstring(L, 1, &len);
  c = cause_by_name(s, len);
  if (c) {
    lua_pushinteger(L, c->cause);
    return 1;
  }
  lua_pushnil(L);
  sipc_pushvalue_desc(L, 1);
  lua_pushfstring(L, own_anywhere(s, len)
                         ? "%s: %s is a FreeSWITCH cause with no Q.850 value"
                         : "%s: no hangup cause is named %s",
                  fname, lua_tostring(L, -1));
  lua_remove(L, -2);
  return 2;
}

/* sipcodes.q850.text(cause) -> "User busy" | nil, message */
static int q850_text(lua_State *L)
{
  int n;
  const struct cause *c;
  if (!cause_arg(L, "sipcodes.q850.text", &n, &c)) return 2;
  if (c == NULL)
    return sipc_fail(L, 0, "sipcodes.q850.text: cause %d is not assigned", n);
  lua_pushstring(L, c->text);
  return 1;
}

/* For the builders: the Q.850 text of cause n, or NULL. */
const char *sipc_q850_text(int n)
{
  const struct cause *c = find_cause(n);
  return c ? c->text : NULL;
}

static const luaL_Reg funcs[] = {
  {"to_sip", q850_to_sip},
  {"from_sip", q850_from_sip},
  {"name", q850_name},
  {"cause", q850_cause},
  {"text", q850_text},
  {NULL, NULL}
};

/* Sets these functions, and the Q.850 builder, in the table on top. */
void sipc_open_q850(lua_State *L)
{
  sipc_setfuncs(L, funcs);
  sipc_open_q850_build(L);
}
