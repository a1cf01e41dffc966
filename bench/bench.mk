# bench/bench.mk - `make bench`: sipcodes against the raw Lua-table limit
# and the pure-Lua peer (bench/peer.lua), on every Lua version, one process
# each, then all versions side by side.  Included by the main Makefile;
# also runs alone from the repo root: make -f bench/bench.mk bench
#
#   make bench              the tables, about a minute on 2 cores; writes
#                           doc/performance.md from them
#   make bench-bytecode     the Lua layer loaded as stripped bytecode
#   make bench-entries      field reads by entry shape (proxy or flat)
#
# BENCH_VARIANT and BENCH_CORE (see bench/bench.lua) measure a proposed
# change of lua/ or src/ without touching them.
# The tables are also left in bench/out/ (ignored by git); builds go to
# build/bench/.

ifndef SIPCODES_BENCH_MK
SIPCODES_BENCH_MK := 1

# Alone, take VERSIONS, SRC, HDR, INC_*, LUA_*, CC, CFLAGS, WARN and the
# build target from the main Makefile (whose own include of this file then
# does nothing).
ifndef VERSIONS
include Makefile
endif

BENCH_OUT := bench/out
BENCH_BUILD := build/bench
BENCH_DRIVERS := $(foreach v,$(VERSIONS),$(BENCH_BUILD)/$(v)/require_bench)
BENCH_LIB_5.1 := -llua5.1
BENCH_LIB_5.2 := -llua5.2
BENCH_LIB_5.3 := -llua5.3
BENCH_LIB_5.4 := -llua5.4
BENCH_LIB_jit := -lluajit-5.1
BENCH_VARIANT ?=
BENCH_CORE ?=
BENCH_SELF := $(MAKE) --no-print-directory -f bench/bench.mk

.PHONY: bench bench-bytecode bench-entries

# One version at a time: the timings need a quiet machine, not two cores
# shared between two benchmarks.
bench: build $(BENCH_DRIVERS) bench/peer.lua
	@mkdir -p $(BENCH_OUT)
	@$(foreach v,$(VERSIONS),BENCH_VARIANT='$(BENCH_VARIANT)' \
	  BENCH_CORE='$(BENCH_CORE)' $(LUA_$(v)) bench/bench.lua $(v) \
	  $(BENCH_BUILD)/$(v)/require_bench $(BENCH_OUT)/$(v).tsv || exit 1;)
	@$(LUA_5.4) bench/summary.lua $(foreach v,$(VERSIONS),$(BENCH_OUT)/$(v).tsv) \
	  > $(BENCH_OUT)/summary.txt
	@cat $(BENCH_OUT)/summary.txt
	@if [ -z '$(BENCH_VARIANT)$(BENCH_CORE)' ]; then mkdir -p doc && \
	  $(LUA_5.4) bench/doc.lua $(BENCH_OUT) $(VERSIONS) > doc/performance.md.tmp && \
	  mv doc/performance.md.tmp doc/performance.md && echo "bench: wrote doc/performance.md"; fi

# The driver of require() in fresh states, against each Lua's library.
$(BENCH_BUILD)/%/require_bench: bench/require_bench.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -I$(INC_$*) $< -o $@ $(BENCH_LIB_$*)

# The peer carries the data of the table in codes.c; bench.lua refuses a
# stale one.
bench/peer.lua: bench/gen_peer.lua src/codes.c | build/5.4/sipcodes/core.so
	$(LUA_5.4) bench/gen_peer.lua build/5.4 > $@.tmp && mv $@.tmp $@

# ---- variants: proposed changes, measured without touching lua/ or src/

bench-entries: build bench/peer.lua
	@$(foreach v,$(VERSIONS),$(LUA_$(v)) bench/variants/entries.lua $(v) || exit 1;)

bench-bytecode: $(foreach v,$(VERSIONS),$(BENCH_BUILD)/bytecode/$(v)/sipcodes.lua)
	@$(BENCH_SELF) bench BENCH_VARIANT='$(BENCH_BUILD)/bytecode/{v}'

# Stripped bytecode (no debug information) of a Lua file, for one Lua:
# $(call BENCH_LUAC,version,input,output).
BENCH_LUAC = $(if $(filter jit,$(1)),luajit -b -s $(2) $(3),luac$(1) -s -o $(3) $(2))

$(BENCH_BUILD)/bytecode/%/sipcodes.lua: lua/sipcodes.lua
	@mkdir -p $(@D)
	$(call BENCH_LUAC,$*,$<,$@)

endif
