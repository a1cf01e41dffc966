/*
 * q850.c - ITU-T Q.850 cause values and their mapping to SIP responses,
 * in two profiles:
 *
 *  "rfc3398"     RFC 3398 (SIP-ISUP interworking): §7.2.4.1 maps a Q.850
 *                cause received in an ISUP REL to a SIP response; §8.2.6.1
 *                maps a SIP response to the cause sent in the REL.  The
 *                default profile.
 *  "freeswitch"  FreeSWITCH's mod_sofia: hangup_cause_to_sip() in
 *                mod_sofia.c and sofia_glue_sip_cause_to_freeswitch() in
 *                sofia_glue.c.  Their comments cite RFC 4497 (QSIG), and
 *                several rows differ from RFC 3398 (21 -> 603, not 403;
 *                485 and 604 -> 3, not 1; 488 and 606 -> 88, not 31; a
 *                default of 480, and NORMAL_UNSPECIFIED the other way).
 *                Causes are keyed by
 *                FreeSWITCH's hangup-cause names, because FreeSWITCH's own
 *                causes above 127 (ORIGINATOR_CANCEL, GATEWAY_DOWN, ...) have
 *                no Q.850 value and their numbers changed between releases.
 *
 * The cause texts follow ITU-T Q.850 Table 1; the names are FreeSWITCH's
 * (switch_types.h), the names its scripts and channel variables use.
 */
#include <stdlib.h>
#include <string.h>

#include "sipcodes.h"
#include "text.h"

struct cause {
  unsigned char cause;
  const char *name;  /* FreeSWITCH hangup-cause name, or NULL */
  const char *text;  /* Q.850 wording */
};

/* Ascending by cause.  45, 52 and 54 are Q.931/ANSI values that FreeSWITCH
 * names; the rest are Q.850's. */
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

/* FreeSWITCH's own hangup causes with no Q.850 value (switch_call_cause_t
 * from SUCCESS on), by name; mod_sofia gives most of them its
 * default response. */
static const char *const fs_internal[] = {
  "SUCCESS", "ORIGINATOR_CANCEL", "CRASH", "SYSTEM_SHUTDOWN",
  "LOSE_RACE", "MANAGER_REQUEST", "BLIND_TRANSFER", "ATTENDED_TRANSFER",
  "ALLOTTED_TIMEOUT", "USER_CHALLENGE", "MEDIA_TIMEOUT", "PICKED_OFF",
  "USER_NOT_REGISTERED", "PROGRESS_TIMEOUT", "INVALID_GATEWAY",
  "GATEWAY_DOWN", "INVALID_URL", "INVALID_PROFILE", "NO_PICKUP",
  "SRTP_READ_ERROR", "BOWOUT", "BUSY_EVERYWHERE", "DECLINE",
  "DOES_NOT_EXIST_ANYWHERE", "NOT_ACCEPTABLE", "UNWANTED", "NO_IDENTITY",
  "BAD_IDENTITY_INFO", "UNSUPPORTED_CERTIFICATE", "INVALID_IDENTITY",
  "STALE_DATE", "REJECT_ALL",
};

struct pair {
  unsigned short from, to;
};

/* RFC 3398 §7.2.4.1, cause -> response.  Cause 16 has no row: normal
 * clearing ends the call with BYE or CANCEL, not a response.  Cause 22
 * gives 410 without a diagnostic (301 with one); cause 21 may give a 6xx
 * instead of 403 when the cause location is "user". */
static const struct pair rfc3398_to_sip[] = {
  {1, 404}, {2, 404}, {3, 404}, {17, 486}, {18, 408}, {19, 480}, {20, 480},
  {21, 403}, {22, 410}, {23, 410}, {26, 404}, {27, 502}, {28, 484},
  {29, 501}, {31, 480}, {34, 503}, {38, 503}, {41, 503}, {42, 503},
  {47, 503}, {55, 403}, {57, 403}, {58, 503}, {65, 488}, {70, 488},
  {79, 501}, {87, 403}, {88, 503}, {102, 504}, {111, 500}, {127, 500},
};

/* RFC 3398 §8.2.6.1, response -> cause.  Responses not listed map to 31;
 * 487 has no cause (the gateway itself cancelled); 488 and 606 map by
 * their Warning header, 31 by default, which is what is given here. */
#define RFC3398_DEFAULT_CAUSE 31
static const struct pair rfc3398_from_sip[] = {
  {400, 41}, {401, 21}, {402, 21}, {403, 21}, {404, 1}, {405, 63},
  {406, 79}, {407, 21}, {408, 102}, {410, 22}, {413, 127}, {414, 127},
  {415, 79}, {416, 127}, {420, 127}, {421, 127}, {423, 127}, {480, 18},
  {481, 41}, {482, 25}, {483, 25}, {484, 28}, {485, 1}, {486, 17},
  {487, 0}, {488, 31}, {500, 41}, {501, 79}, {502, 38}, {503, 41},
  {504, 102}, {505, 127}, {513, 127}, {600, 17}, {603, 21}, {604, 1},
  {606, 31},
};

struct named {
  const char *name;
  unsigned short code;
};

/* mod_sofia hangup_cause_to_sip(): hangup cause -> response; others 480. */
#define FS_DEFAULT_SIP 480
static const struct named fs_to_sip[] = {
  {"UNALLOCATED_NUMBER", 404}, {"NO_ROUTE_TRANSIT_NET", 404},
  {"NO_ROUTE_DESTINATION", 404}, {"USER_BUSY", 486},
  {"NO_USER_RESPONSE", 408}, {"NO_ANSWER", 480}, {"SUBSCRIBER_ABSENT", 480},
  {"CALL_REJECTED", 603}, {"NUMBER_CHANGED", 410},
  {"REDIRECTION_TO_NEW_DESTINATION", 410}, {"DESTINATION_OUT_OF_ORDER", 502},
  {"INVALID_PROFILE", 502}, {"INVALID_NUMBER_FORMAT", 484},
  {"INVALID_URL", 484}, {"INVALID_GATEWAY", 484}, {"FACILITY_REJECTED", 501},
  {"NORMAL_UNSPECIFIED", 480}, {"REQUESTED_CHAN_UNAVAIL", 503},
  {"NORMAL_CIRCUIT_CONGESTION", 503}, {"NETWORK_OUT_OF_ORDER", 503},
  {"NORMAL_TEMPORARY_FAILURE", 503}, {"SWITCH_CONGESTION", 503},
  {"GATEWAY_DOWN", 503}, {"OUTGOING_CALL_BARRED", 403},
  {"INCOMING_CALL_BARRED", 403}, {"BEARERCAPABILITY_NOTAUTH", 403},
  {"BEARERCAPABILITY_NOTAVAIL", 503}, {"BEARERCAPABILITY_NOTIMPL", 488},
  {"INCOMPATIBLE_DESTINATION", 488}, {"FACILITY_NOT_IMPLEMENTED", 501},
  {"SERVICE_NOT_IMPLEMENTED", 501}, {"RECOVERY_ON_TIMER_EXPIRE", 504},
  {"ORIGINATOR_CANCEL", 487}, {"EXCHANGE_ROUTING_ERROR", 483},
  {"BUSY_EVERYWHERE", 600}, {"DECLINE", 603}, {"REJECT_ALL", 603},
  {"DOES_NOT_EXIST_ANYWHERE", 604}, {"NOT_ACCEPTABLE", 606},
  {"UNWANTED", 607}, {"NO_IDENTITY", 428}, {"BAD_IDENTITY_INFO", 429},
  {"UNSUPPORTED_CERTIFICATE", 437}, {"INVALID_IDENTITY", 438},
  {"STALE_DATE", 403},
};

/* sofia_glue_sip_cause_to_freeswitch(): response -> hangup cause; others
 * NORMAL_UNSPECIFIED.  (It maps 429 to BAD_IDENTITY_INFO, as written.) */
#define FS_DEFAULT_CAUSE "NORMAL_UNSPECIFIED"
static const struct named fs_from_sip[] = {
  {"NORMAL_CLEARING", 200}, {"CALL_REJECTED", 401}, {"CALL_REJECTED", 402},
  {"CALL_REJECTED", 403}, {"CALL_REJECTED", 407}, {"CALL_REJECTED", 603},
  {"CALL_REJECTED", 608}, {"UNWANTED", 607}, {"UNALLOCATED_NUMBER", 404},
  {"NO_ROUTE_DESTINATION", 485}, {"NO_ROUTE_DESTINATION", 604},
  {"RECOVERY_ON_TIMER_EXPIRE", 408}, {"RECOVERY_ON_TIMER_EXPIRE", 504},
  {"NUMBER_CHANGED", 410}, {"INTERWORKING", 413}, {"INTERWORKING", 414},
  {"INTERWORKING", 416}, {"INTERWORKING", 420}, {"INTERWORKING", 421},
  {"INTERWORKING", 423}, {"INTERWORKING", 505}, {"INTERWORKING", 513},
  {"NO_USER_RESPONSE", 480}, {"NORMAL_TEMPORARY_FAILURE", 400},
  {"NORMAL_TEMPORARY_FAILURE", 481}, {"NORMAL_TEMPORARY_FAILURE", 500},
  {"NORMAL_TEMPORARY_FAILURE", 503}, {"USER_BUSY", 486}, {"USER_BUSY", 600},
  {"INVALID_NUMBER_FORMAT", 484}, {"INCOMPATIBLE_DESTINATION", 488},
  {"INCOMPATIBLE_DESTINATION", 606}, {"NETWORK_OUT_OF_ORDER", 502},
  {"SERVICE_UNAVAILABLE", 405}, {"SERVICE_NOT_IMPLEMENTED", 406},
  {"SERVICE_NOT_IMPLEMENTED", 415}, {"SERVICE_NOT_IMPLEMENTED", 501},
  {"EXCHANGE_ROUTING_ERROR", 482}, {"EXCHANGE_ROUTING_ERROR", 483},
  {"ORIGINATOR_CANCEL", 487}, {"NO_IDENTITY", 428},
  {"BAD_IDENTITY_INFO", 429}, {"UNSUPPORTED_CERTIFICATE", 437},
  {"INVALID_IDENTITY", 438},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* FreeSWITCH reports a cause above 127 as 16 in Q.850 terms
 * (switch_channel_cause_q850). */
#define FS_INTERNAL_Q850 16

enum profile { RFC3398, FREESWITCH };

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

static const char *internal_by_name(const char *s, size_t len)
{
  size_t i;
  for (i = 0; i < COUNT(fs_internal); i++)
    if (sipc_same_caseless(s, len, fs_internal[i])) return fs_internal[i];
  return NULL;
}

/* Reads a cause 1..127 given as a number, a decimal string (FreeSWITCH's
 * channel variables are strings) or a hangup-cause name in any case. */
int sipc_q850_tocause(lua_State *L, int idx, int *cause)
{
  lua_Number n;
  if (lua_type(L, idx) == LUA_TNUMBER) {
    n = lua_tonumber(L, idx);
  } else if (lua_type(L, idx) == LUA_TSTRING) {
    size_t len, i;
    const char *s = lua_tolstring(L, idx, &len);
    if (len == 0) return 0;
    if (s[0] < '0' || s[0] > '9') {
      const struct cause *c = cause_by_name(s, len);
      if (c == NULL) return 0;
      *cause = c->cause;
      return 1;
    }
    if (len > 3) return 0;
    for (i = 0; i < len; i++)
      if (s[i] < '0' || s[i] > '9') return 0;
    n = (lua_Number)strtol(s, NULL, 10);
  } else {
    return 0;
  }
  if (!(n >= 1 && n <= 127) || n != (lua_Number)(int)n) return 0;
  *cause = (int)n;
  return 1;
}

static int toprofile(lua_State *L, int idx, const char *fname, int *p)
{
  const char *s = "";
  size_t len = 0;
  if (lua_isnoneornil(L, idx)) {
    *p = RFC3398;
    return 1;
  }
  /* By length: a Lua string may hold NUL, and "freeswitch\0x" is none. */
  if (lua_type(L, idx) == LUA_TSTRING) s = lua_tolstring(L, idx, &len);
  if (len == 7 && memcmp(s, "rfc3398", 7) == 0) *p = RFC3398;
  else if (len == 10 && memcmp(s, "freeswitch", 10) == 0) *p = FREESWITCH;
  else {
    sipc_fail(L, idx, "%s: expected a profile \"rfc3398\" or \"freeswitch\"", fname);
    return 0;
  }
  return 1;
}

/*
 * sipcodes.q850.to_sip(cause [, profile]) -> code | nil, message
 * cause: 1..127 (number or decimal string) or a hangup-cause name; the
 * "freeswitch" profile also takes FreeSWITCH's causes without a Q.850
 * value, by name.
 */
static int q850_to_sip(lua_State *L)
{
  static const char fname[] = "sipcodes.q850.to_sip";
  const struct cause *c = NULL;
  const char *internal = NULL;
  int profile, n;
  size_t i;
  if (!toprofile(L, 2, fname, &profile)) return 2;
  if (sipc_q850_tocause(L, 1, &n)) c = find_cause(n);
  else if (lua_type(L, 1) == LUA_TSTRING && profile == FREESWITCH) {
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    internal = internal_by_name(s, len);
  }
  if (c == NULL && internal == NULL)
    return sipc_fail(L, 1, "%s: " SIPC_NOT_A_CAUSE, fname);
  if (profile == FREESWITCH) {
    const char *name = internal ? internal : c->name;
    int code = FS_DEFAULT_SIP;
    for (i = 0; name && i < COUNT(fs_to_sip); i++)
      if (strcmp(fs_to_sip[i].name, name) == 0) code = fs_to_sip[i].code;
    lua_pushinteger(L, code);
    return 1;
  }
  for (i = 0; i < COUNT(rfc3398_to_sip); i++) {
    if (rfc3398_to_sip[i].from == c->cause) {
      lua_pushinteger(L, rfc3398_to_sip[i].to);
      return 1;
    }
  }
  lua_pushnil(L);
  lua_pushfstring(L, "%s: RFC 3398 §7.2.4.1 maps no response to cause %d "
                  "(%s)%s", fname, c->cause, c->text,
                  c->cause == 16 ? ": the call is cleared with BYE or CANCEL"
                                 : "");
  return 2;
}

/*
 * sipcodes.q850.from_sip(code [, profile]) -> cause, name | nil, message
 * The cause is a Q.850 value; name is FreeSWITCH's hangup-cause name, nil
 * where FreeSWITCH has none.  In the "freeswitch" profile a cause with no
 * Q.850 value (ORIGINATOR_CANCEL for 487 ...) comes back as 16 with its
 * name, as FreeSWITCH itself reports it.
 */
static int q850_from_sip(lua_State *L)
{
  static const char fname[] = "sipcodes.q850.from_sip";
  int profile, code;
  size_t i;
  if (!toprofile(L, 2, fname, &profile)) return 2;
  if (!sipc_tocode(L, 1, &code)) return sipc_fail(L, 1, "%s: " SIPC_NOT_A_CODE, fname);
  if (profile == FREESWITCH) {
    const char *name = FS_DEFAULT_CAUSE;
    const struct cause *c;
    for (i = 0; i < COUNT(fs_from_sip); i++)
      if (fs_from_sip[i].code == code) name = fs_from_sip[i].name;
    c = cause_by_name(name, strlen(name));
    lua_pushinteger(L, c ? c->cause : FS_INTERNAL_Q850);
    lua_pushstring(L, name);
    return 2;
  }
  if (code < 300) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: RFC 3398 §8.2.6.1 maps failure responses "
                    "(3xx..6xx) to causes, got %d", fname, code);
    return 2;
  }
  {
    int cause = RFC3398_DEFAULT_CAUSE;
    const struct cause *c;
    for (i = 0; i < COUNT(rfc3398_from_sip); i++)
      if (rfc3398_from_sip[i].from == code) cause = rfc3398_from_sip[i].to;
    if (cause == 0) {
      lua_pushnil(L);
      lua_pushfstring(L, "%s: RFC 3398 §8.2.6.1 gives %d no cause", fname,
                      code);
      return 2;
    }
    c = find_cause(cause);
    lua_pushinteger(L, cause);
    if (c && c->name) lua_pushstring(L, c->name);
    else lua_pushnil(L);
    return 2;
  }
}

/* sipcodes.q850.name(cause) -> "USER_BUSY" | nil, message */
static int q850_name(lua_State *L)
{
  static const char fname[] = "sipcodes.q850.name";
  int n;
  const struct cause *c;
  if (!sipc_q850_tocause(L, 1, &n))
    return sipc_fail(L, 1, "%s: " SIPC_NOT_A_CAUSE, fname);
  c = find_cause(n);
  if (c == NULL || c->name == NULL) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: cause %d has no hangup-cause name", fname, n);
    return 2;
  }
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
  lua_pushfstring(L, internal_by_name(s, len)
                         ? "%s: %s is a FreeSWITCH cause with no Q.850 value"
                         : "%s: no hangup cause is named %s",
                  fname, lua_tostring(L, -1));
  lua_remove(L, -2);
  return 2;
}

/* sipcodes.q850.text(cause) -> "User busy" | nil, message */
static int q850_text(lua_State *L)
{
  static const char fname[] = "sipcodes.q850.text";
  int n;
  const struct cause *c;
  if (!sipc_q850_tocause(L, 1, &n))
    return sipc_fail(L, 1, "%s: " SIPC_NOT_A_CAUSE, fname);
  c = find_cause(n);
  if (c == NULL) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: cause %d is not assigned", fname, n);
    return 2;
  }
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

/* Sets the table of these functions as field q850 of the table on top. */
void sipc_open_q850(lua_State *L)
{
  lua_createtable(L, 0, 6);
  sipc_setfuncs(L, funcs);
  lua_setfield(L, -2, "q850");
}
