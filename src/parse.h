/*
 * parse.h - parsers for what a SIP script reads off the wire about a
 * response: the Status-Line (RFC 3261 §7.2) and the Reason header field
 * (RFC 3326, updated by RFC 9366).  See parse.c for the rules applied.
 */
#ifndef SIPCODES_PARSE_H
#define SIPCODES_PARSE_H

#include "compat.h"

/* Sets parse_status_line and parse_reason in the table on top. */
void sipc_open_parse(lua_State *L);

#endif
