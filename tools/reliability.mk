# tools/reliability.mk - sanitizers, valgrind, fuzzing and threads for the C
# core.  Included at the end of the main Makefile (it uses its SRC, HDR,
# WARN, CC, CFLAGS, INC_5.4, LUA_5.1, LUA_5.4, PKG_BUILD, PKG_LUA and
# CORES); also runs alone from the repository root:
#   make -f tools/reliability.mk check-asan
#
#   make check-asan      the whole busted suite under each Lua (5.1, 5.2,
#                        5.3, 5.4, LuaJIT) against the core built for it
#                        with ASan + UBSan (build/asan/<version>/)
#   make check-valgrind  the whole busted suite under valgrind memcheck, on
#                        Lua 5.1 and 5.4 with the normal build; `make -j2
#                        check-valgrind` runs the two at once
#   make check-threads   no writable C global in the core (nm), then 8
#                        threads x 1,000,000 calls, each thread with its own
#                        Lua 5.4 state, under ThreadSanitizer
#   make fuzz            each libFuzzer target for FUZZ_SECONDS (default
#                        60); fails on any finding
#   make reliability     all four, and one "N passed, M failed" over them;
#                        writes doc/reliability.md from that run's output
#
# Each ends with a line "N passed, M failed" and exits non-zero on a
# failure or on any sanitizer or valgrind report.  Logs are kept in
# build/reliability/; fuzzing findings in fuzz/out/<target>/.
# Knobs: FUZZ_SECONDS, THREADS_ITERATIONS, THREADS_N, REL_CLANG.

ifndef SIPCODES_RELIABILITY_MK
SIPCODES_RELIABILITY_MK := 1

# This file, for the recursive makes below: -f is not passed down, and
# run alone the main Makefile may not include this file.
REL_MK := $(lastword $(MAKEFILE_LIST))

# Alone, take the variables and the build rule from the main Makefile
# (whose own include of this file then does nothing).  Keyed on the files
# read, not on a variable, which could come from the command line.
ifeq ($(filter Makefile,$(MAKEFILE_LIST)),)
include Makefile
endif

REL_CLANG ?= clang
# libclang-rt-dev: clang's ASan, TSan and libFuzzer runtimes, which the
# clang package does not pull in; binutils: nm; util-linux: setarch.
REL_PKG := clang libclang-rt-dev valgrind binutils util-linux lua-busted
REL_LUALIB := -llua5.4
REL_LOG := build/reliability
# The suite's own runner (tools/test.sh) runs busted the same way.
REL_BUSTED := /usr/bin/busted -o plainTerminal

SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
ASAN_CORES := $(foreach v,$(VERSIONS),build/asan/$(v)/sipcodes/core.so)

TSAN_DIR := build/tsan/5.4
TSAN_CORE := $(TSAN_DIR)/sipcodes/core.so
TSAN_THREADS := build/tsan/threads
PLAIN_THREADS := build/threads/threads
THREADS_ITERATIONS ?= 1000000
THREADS_N ?= 8

FUZZ_SECONDS ?= 60
FUZZ_DIR := build/fuzz
# target:max_len - a little over each input limit (4096-byte status line,
# 8192-byte Reason value, 1024-byte builder text plus 3 control bytes),
# so that the refusal of over-long input is exercised too.
FUZZ_TARGETS := parse_status_line:4200 parse_reason:8300 builders:1100
FUZZ_BINS := $(foreach t,$(FUZZ_TARGETS),$(FUZZ_DIR)/$(firstword $(subst :, ,$(t))))

VALGRIND := valgrind -q --error-exitcode=1 --leak-check=full \
            --errors-for-leak-kinds=definite --show-leak-kinds=definite

.PHONY: deps-reliability check-asan $(foreach v,$(VERSIONS),check-asan-$(v)) check-valgrind check-valgrind-5.1 \
        check-valgrind-5.4 check-threads fuzz fuzz-build reliability \
        rel-build-asan rel-build-valgrind rel-build-threads

deps-reliability:
	@sh tools/deps.sh $(PKG_BUILD) $(PKG_LUA) $(REL_PKG)

# ---- builds ---------------------------------------------------------------

# Its stem is shorter than that of the main Makefile's pattern rule
# build/%/sipcodes/core.so, so GNU make prefers it for build/asan/...
build/asan/%/sipcodes/core.so: $(SRC) $(HDR)
	@mkdir -p $(@D)
	$(REL_CLANG) -O1 -g $(SAN_FLAGS) $(WARN) -fPIC -shared -I$(INC_$*) $(SRC) -o $@

$(TSAN_CORE): $(SRC) $(HDR)
	@mkdir -p $(@D)
	$(REL_CLANG) -O1 -g -fsanitize=thread $(WARN) -fPIC -shared -I$(INC_5.4) $(SRC) -o $@

$(TSAN_THREADS): test/threads/threads.c
	@mkdir -p $(@D)
	$(REL_CLANG) -O1 -g -fsanitize=thread $(WARN) -I$(INC_5.4) $< $(REL_LUALIB) -lpthread -o $@

# For the helgrind fallback of test/threads/run.sh.
$(PLAIN_THREADS): test/threads/threads.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -I$(INC_5.4) $< $(REL_LUALIB) -lpthread -o $@

# The core's sources are compiled into each target (instrumented like the
# harness); the Lua layer is read from this checkout's lua/.
$(FUZZ_BINS): $(FUZZ_DIR)/%: fuzz/%.c fuzz/harness.c fuzz/harness.h $(SRC) $(HDR)
	@mkdir -p $(@D)
	$(REL_CLANG) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	  -fno-omit-frame-pointer $(WARN) -I$(INC_5.4) \
	  -DSIPC_FUZZ_LUA_DIR='"$(CURDIR)/lua"' $< fuzz/harness.c $(SRC) $(REL_LUALIB) -o $@

fuzz-build: $(FUZZ_BINS)

# What each check builds first (an empty recipe: no "is up to date" noise).
rel-build-asan: $(ASAN_CORES) ; @:
rel-build-valgrind: build/5.1/sipcodes/core.so build/5.4/sipcodes/core.so ; @:
rel-build-threads: $(CORES) $(TSAN_CORE) $(TSAN_THREADS) $(PLAIN_THREADS) ; @:

# ---- the busted runs ------------------------------------------------------

# $(call rel_count,LOG,PATTERN): after a busted run whose exit code is in
# $$rc and whose output is in LOG, prints any report matching PATTERN (an
# ERE: sanitizer or valgrind lines) and then "N passed, M failed" from
# busted's count; a report, or a non-zero exit without a failing spec (a
# crash), counts as one more failure.  Exits with the verdict.
define rel_count
s=$$(grep -E '^[0-9]+ success' $(1) | tail -n 1); \
p=$$(printf '%s' "$$s" | sed -n 's/^\([0-9]*\) success.*/\1/p'); \
f=$$(printf '%s' "$$s" | sed -n 's/.* \([0-9]*\) failure.*/\1/p'); \
e=$$(printf '%s' "$$s" | sed -n 's/.* \([0-9]*\) error.*/\1/p'); \
p=$${p:-0}; f=$$(( $${f:-0} + $${e:-0} )); \
r=$$(grep -cE '$(2)' $(1)); \
if [ "$$f" -gt 0 ] || [ "$$r" -gt 0 ] || [ "$$rc" -ne 0 ]; then \
  grep -vE '^[+*-]*$$' $(1) | tail -n 80; \
  echo "$$r report lines, exit $$rc (full log: $(1))"; \
fi; \
if [ "$$r" -gt 0 ] || { [ "$$rc" -ne 0 ] && [ "$$f" -eq 0 ]; }; then f=$$((f + 1)); fi; \
echo "$$s"; \
echo "$$p passed, $$f failed"; \
[ "$$f" -eq 0 ]
endef

ASAN_REPORT := ERROR: (Address|Leak)Sanitizer|runtime error: |SUMMARY: (Address|UndefinedBehavior)Sanitizer
VALGRIND_REPORT := ^==[0-9]+==

# Lua itself is not instrumented, so the ASan runtime (which carries the
# UBSan one) is preloaded into the interpreter.  Leaks are left to
# valgrind: the interpreter's own allocations at exit are not the core's.
# busted puts --cpath in front of package.cpath, and the default path also
# holds ./?.so (where `luarocks make` leaves sipcodes/core.so), so the
# recipe first checks that this prefix resolves sipcodes.core to the ASan
# build (searched by hand: 5.1 has no package.searchpath).
REL_FIND_CORE = for t in package.cpath:gmatch('[^;]+') do \
  local f = t:gsub('?', 'sipcodes/core'); local h = io.open(f) \
  if h then h:close(); print(f); break end end

check-asan-5.1 check-asan-5.2 check-asan-5.3 check-asan-5.4 check-asan-jit: check-asan-%: build/asan/%/sipcodes/core.so
	@mkdir -p $(REL_LOG)
	@{ rt=$$($(REL_CLANG) -print-file-name=libclang_rt.asan-x86_64.so); \
	  if [ ! -f "$$rt" ]; then echo "check-asan: no ASan runtime at $$rt"; echo "0 passed, 1 failed"; exit 1; fi; \
	  got=$$($(LUA_$*) -e "package.cpath = 'build/asan/$*/?.so;' .. package.cpath; $(REL_FIND_CORE)"); \
	  if [ "$$got" != "build/asan/$*/sipcodes/core.so" ]; then echo "check-asan: busted would load $$got"; echo "0 passed, 1 failed"; exit 1; fi; \
	  echo "== busted under $(LUA_$*), core build/asan/$*/sipcodes/core.so (ASan + UBSan)"; \
	  t0=$$(date +%s); \
	  LD_PRELOAD=$$rt ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(LUA_$*) $(REL_BUSTED) --cpath='build/asan/$*/?.so' >$(REL_LOG)/asan-$*.log 2>&1; \
	  rc=$$?; echo "check-asan $(LUA_$*): $$(( $$(date +%s) - t0 )) s"; \
	  $(call rel_count,$(REL_LOG)/asan-$*.log,$(ASAN_REPORT)); \
	} >$(REL_LOG)/asan-$*.out 2>&1; \
	rc=$$?; cat $(REL_LOG)/asan-$*.out; exit $$rc

# Every Lua in turn (each run takes seconds), then one count over them.
check-asan: deps-reliability
	@$(MAKE) --no-print-directory -f $(REL_MK) rel-build-asan
	@rm -f $(foreach v,$(VERSIONS),$(REL_LOG)/asan-$(v).out)
	@$(MAKE) --no-print-directory -f $(REL_MK) -k $(foreach v,$(VERSIONS),check-asan-$(v)) >/dev/null 2>&1; \
	rc=$$?; \
	for v in $(VERSIONS); do grep -v '^[0-9]* passed, [0-9]* failed$$' $(REL_LOG)/asan-$$v.out 2>/dev/null \
	  || echo "check-asan $$v: did not run"; done; \
	cat $(foreach v,$(VERSIONS),$(REL_LOG)/asan-$(v).out) 2>/dev/null \
	  | awk '/^[0-9]+ passed, [0-9]+ failed$$/ {p += $$1; f += $$3; n++} \
	         END {if (n < $(words $(VERSIONS))) f++; printf "%d passed, %d failed\n", p, f}'; \
	exit $$rc

# Children that the specs start (bin/sipcode in spec/cli_spec.lua) are not
# traced: valgrind's reports would land in the stderr those specs compare,
# and the run would take three times as long; they load the same core.
check-valgrind-5.1 check-valgrind-5.4: check-valgrind-%: build/%/sipcodes/core.so
	@mkdir -p $(REL_LOG)
	@{ echo "== busted under valgrind, $(LUA_$*), core build/$*"; \
	  t0=$$(date +%s); \
	  $(VALGRIND) $(LUA_$*) $(REL_BUSTED) >$(REL_LOG)/valgrind-$*.log 2>&1; \
	  rc=$$?; echo "check-valgrind $(LUA_$*): $$(( $$(date +%s) - t0 )) s"; \
	  $(call rel_count,$(REL_LOG)/valgrind-$*.log,$(VALGRIND_REPORT)); \
	} >$(REL_LOG)/valgrind-$*.out 2>&1; \
	rc=$$?; cat $(REL_LOG)/valgrind-$*.out; exit $$rc

# The two runs write their own .out files; this prints them (in order,
# whether they ran one after the other or, under -j2, at once) and sums.
check-valgrind: deps-reliability
	@$(MAKE) --no-print-directory -f $(REL_MK) rel-build-valgrind
	@rm -f $(REL_LOG)/valgrind-5.1.out $(REL_LOG)/valgrind-5.4.out
	@$(MAKE) --no-print-directory -f $(REL_MK) -k check-valgrind-5.1 check-valgrind-5.4 >/dev/null 2>&1; \
	rc=$$?; \
	for v in 5.1 5.4; do grep -v '^[0-9]* passed, [0-9]* failed$$' $(REL_LOG)/valgrind-$$v.out 2>/dev/null \
	  || echo "check-valgrind lua$$v: did not run"; done; \
	cat $(REL_LOG)/valgrind-5.1.out $(REL_LOG)/valgrind-5.4.out 2>/dev/null \
	  | awk '/^[0-9]+ passed, [0-9]+ failed$$/ {p += $$1; f += $$3; n++} \
	         END {if (n < 2) f++; printf "%d passed, %d failed\n", p, f}'; \
	exit $$rc

# ---- threads --------------------------------------------------------------

check-threads: deps-reliability
	@$(MAKE) --no-print-directory -f $(REL_MK) rel-build-threads
	@mkdir -p $(REL_LOG)
	@echo "== no writable C globals (nm)"; \
	CC='$(CC)' CFLAGS='$(CFLAGS)' LUA_INC='$(INC_5.4)' SRC='$(SRC)' OBJDIR=build/globals \
	  sh test/threads/no_globals.sh $(CORES) >$(REL_LOG)/globals.log 2>&1; \
	g=$$?; grep -v '^[0-9]* passed, [0-9]* failed$$' $(REL_LOG)/globals.log; \
	echo "== $(THREADS_N) threads x $(THREADS_ITERATIONS) calls, core $(TSAN_CORE) (TSan)"; \
	t0=$$(date +%s); \
	ITERATIONS=$(THREADS_ITERATIONS) NTHREADS=$(THREADS_N) sh test/threads/run.sh \
	  $(TSAN_THREADS) $(TSAN_DIR) $(PLAIN_THREADS) build/5.4 >$(REL_LOG)/threads.log 2>&1; \
	t=$$?; grep -v '^[0-9]* passed, [0-9]* failed$$' $(REL_LOG)/threads.log; \
	echo "check-threads: $$(( $$(date +%s) - t0 )) s"; \
	cat $(REL_LOG)/globals.log $(REL_LOG)/threads.log \
	  | awk '/^[0-9]+ passed, [0-9]+ failed$$/ {p += $$1; f += $$3} END {printf "%d passed, %d failed\n", p, f}'; \
	[ $$g -eq 0 ] && [ $$t -eq 0 ]

# ---- fuzzing --------------------------------------------------------------

fuzz: deps-reliability
	@$(MAKE) --no-print-directory -f $(REL_MK) fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh fuzz/run.sh $(FUZZ_DIR) $(FUZZ_TARGETS)

# ---- all of it ------------------------------------------------------------

# Runs the four in turn, showing each one's output, and ends with one line
# over all of them (each one's own count is kept, relabelled).
reliability: deps-reliability
	@mkdir -p $(REL_LOG)
	@rc=0; for t in check-asan check-valgrind check-threads fuzz; do \
	  { $(MAKE) --no-print-directory -f $(REL_MK) $$t 2>&1; echo $$? >$(REL_LOG)/$$t.rc; } \
	    | tee $(REL_LOG)/$$t.all | sed 's/^\([0-9]* passed, [0-9]* failed\)$$/'"$$t"' total: \1/'; \
	  [ "$$(cat $(REL_LOG)/$$t.rc)" -eq 0 ] || rc=1; \
	done; \
	for t in check-asan check-valgrind check-threads fuzz; do \
	  grep -E '^[0-9]+ passed, [0-9]+ failed$$' $(REL_LOG)/$$t.all | tail -n 1 | grep . \
	    || echo "0 passed, 1 failed"; \
	done | awk '{p += $$1; f += $$3} END {printf "%d passed, %d failed\n", p, f}' \
	  | tee $(REL_LOG)/reliability.total; \
	mkdir -p doc; sh tools/reliability-doc.sh $(REL_LOG) check-asan check-valgrind check-threads fuzz \
	  > doc/reliability.md.tmp && mv doc/reliability.md.tmp doc/reliability.md \
	  && echo "reliability: wrote doc/reliability.md"; \
	exit $$rc

endif
