# sipcodes — build, test and run on Lua 5.1, 5.2, 5.3, 5.4 and LuaJIT 2.1.
#
#   make run     install what is missing, build, run the example (main job)
#   make test    install what is missing, build for every Lua, run every spec
#   make build   build sipcodes.core for every Lua into build/<version>/
#   make bench   benchmark against the raw Lua-table limit (bench/)
#
# Dependencies come from Debian's packages; tools/deps.sh installs only
# what is missing.

VERSIONS := 5.1 5.2 5.3 5.4 jit
CC ?= cc
CFLAGS ?= -O2 -g
WARN := -std=c99 -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes \
        -Wstrict-prototypes -Wcast-qual -Werror

SRC := src/core.c src/codes.c src/check.c src/q850.c src/build.c src/parse.c \
       src/text.c
HDR := src/sipcodes.h src/compat.h src/parse.h src/text.h

INC_5.1 := /usr/include/lua5.1
INC_5.2 := /usr/include/lua5.2
INC_5.3 := /usr/include/lua5.3
INC_5.4 := /usr/include/lua5.4
INC_jit := /usr/include/luajit-2.1
LUA_5.1 := lua5.1
LUA_5.2 := lua5.2
LUA_5.3 := lua5.3
LUA_5.4 := lua5.4
LUA_jit := luajit

PKG_LUA := lua5.1 lua5.2 lua5.3 lua5.4 luajit liblua5.1-0-dev liblua5.2-dev \
           liblua5.3-dev liblua5.4-dev libluajit-5.1-dev
PKG_BUILD := gcc make libc6-dev
PKG_TEST := $(PKG_BUILD) $(PKG_LUA) lua-busted lua-check clang luarocks locales

CORES := $(foreach v,$(VERSIONS),build/$(v)/sipcodes/core.so)

.PHONY: all build run test deps-run deps-test deps-bench lint warnings rockspec test-kamailio load \
        clean

all: build

build: $(CORES)

build/%/sipcodes/core.so: $(SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -fPIC -shared -I$(INC_$*) $(SRC) -o $@

deps-run:
	@sh tools/deps.sh $(PKG_BUILD) lua5.4 liblua5.4-dev

deps-test:
	@sh tools/deps.sh $(PKG_TEST)

LUA54 := LUA_PATH='lua/?.lua;;' LUA_CPATH='build/5.4/?.so;;' lua5.4
SIPCODE := $(LUA54) bin/sipcode

run: deps-run
	@$(MAKE) --no-print-directory build/5.4/sipcodes/core.so
	$(LUA54) examples/demo.lua
	$(SIPCODE) 486 431
	$(SIPCODE) 48x busy
	$(SIPCODE) --q850 17 ORIGINATOR_CANCEL
	$(SIPCODE) --parse 'SIP/2.0 486 Busy here'
	$(SIPCODE) --json 486

# Warnings are errors under both compilers, for every Lua's headers.
warnings:
	@for v in $(VERSIONS); do for cc in gcc clang; do \
	  $$cc $(WARN) -fsyntax-only -I$$(case $$v in jit) echo $(INC_jit);; *) echo /usr/include/lua$$v;; esac) $(SRC) \
	    || exit 1; done; done; echo "warnings: none (gcc and clang, $(VERSIONS))"

lint:
	luacheck lua spec bench examples bin

# spec/locale_spec.lua switches to de_DE.UTF-8: tools/locale.sh makes it.
test: deps-test
	@$(MAKE) --no-print-directory build warnings
	@sh tools/locale.sh
	@sh tools/test.sh $(VERSIONS)

# The release rockspec is the scm one with a version and a tag (its URL is a
# placeholder until the project is published); a spec
# checks that the two stay the same otherwise.
RELEASE := 1.0.0
rockspec:
	sed -e 's/^version = "scm-1"/version = "$(RELEASE)-1"/' \
	    -e 's|^  url = "git+file://.",|  url = "git+https://sipcodes.invalid/sipcodes.git",\n  tag = "v$(RELEASE)",|' \
	    sipcodes-scm-1.rockspec > rockspecs/sipcodes-$(RELEASE)-1.rockspec

# make bench (bench/bench.mk) installs what it needs first.
bench: deps-bench
deps-bench:
	@sh tools/deps.sh $(PKG_BUILD) $(PKG_LUA) valgrind

include bench/bench.mk

# The Kamailio + sipp integration test (also run by make test), and a
# bounded load run against the same script (LOAD_RATE, LOAD_SECONDS).
test-kamailio:
	@sh test/kamailio/run.sh

load:
	@sh test/kamailio/load.sh

clean:
	rm -rf build

# Sanitizers, valgrind, fuzzing and threads: check-asan, check-valgrind,
# check-threads, fuzz, and reliability for all four.
include tools/reliability.mk
