# sipcodes — build, test and run on Lua 5.1, 5.2, 5.3, 5.4 and LuaJIT 2.1.
#
#   make run     install what is missing, build, run the example (main job)
#   make test    install what is missing, build for every Lua, run every spec
#   make build   build sipcodes.core for every Lua into build/<version>/
#   make bench   benchmark against the raw Lua-table limit (bench/)
#   make dist    dist/: release tarball, rockspec, source rock, manifest
#   make deb     dist/: the Debian packages (dh-lua), from that tarball
#   make clean   remove everything a build wrote
#
# Dependencies come from Debian's packages; tools/deps.sh installs only
# what is missing.

VERSIONS := 5.1 5.2 5.3 5.4 jit
# The release: written once, in src/sipcodes.h (see tools/project.sh).
VERSION := $(shell . ./tools/project.sh && echo "$$VERSION")
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
# make dist and make deb (git archive, luarocks pack, dh-lua, lintian), and
# what tools/dist-test.sh checks the installed packages with.
PKG_DIST := git luarocks
PKG_DEB := dpkg-dev debhelper dh-lua fakeroot lintian lua-busted lua-any man-db
PKG_TEST := $(PKG_BUILD) $(PKG_LUA) lua-busted lua-check clang luarocks $(PKG_DIST) $(PKG_DEB) jq \
            locales

CORES := $(foreach v,$(VERSIONS),build/$(v)/sipcodes/core.so)

.PHONY: all build run test deps-run deps-test deps-bench lint warnings rockspec test-kamailio load \
        test-wireshark wireshark-screenshot clean dist deb test-dist deps-dist

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

# Both rockspecs are written from rockspecs/sipcodes.rockspec.in with the
# version, upstream URL and tag scheme of tools/project.sh;
# tools/rockspec-check.sh (in make test) fails when they differ.
rockspec:
	rm -f rockspecs/sipcodes-*.rockspec
	sh tools/rockspec.sh scm >sipcodes-scm-1.rockspec
	sh tools/rockspec.sh release >rockspecs/sipcodes-$(VERSION)-1.rockspec

# dist/ from the committed tree (tools/dist.sh); the Debian packages built
# from that tarball (tools/deb.sh); both installed and checked
# (tools/dist-test.sh, also run by make test).
deps-dist:
	@sh tools/deps.sh $(PKG_BUILD) $(PKG_LUA) $(PKG_DIST) $(PKG_DEB) jq \
	  kamailio kamailio-lua-modules sip-tester

dist: deps-dist
	@sh tools/dist.sh

deb: dist
	@sh tools/deb.sh

test-dist: deps-dist
	@sh tools/dist-test.sh

# make bench (bench/bench.mk) installs what it needs first.
bench: deps-bench
deps-bench:
	@sh tools/deps.sh $(PKG_BUILD) $(PKG_LUA) valgrind

include bench/bench.mk

# The reference sheet: doc/sipcodes-sheet.html, .pdf and .png, printed and
# photographed by headless Chromium (test/sheet/build.sh installs it).
.PHONY: sheet
sheet: deps-run
	@$(MAKE) --no-print-directory build/5.4/sipcodes/core.so
	@sh test/sheet/build.sh

# The Kamailio + sipp integration test (also run by make test), and a
# bounded load run against the same script (LOAD_RATE, LOAD_SECONDS).
test-kamailio:
	@sh test/kamailio/run.sh

load:
	@sh test/kamailio/load.sh

# The Wireshark plugin in tshark (also run by make test), and the picture
# of its tree in the GUI for doc/wireshark.md (wireshark-qt under Xvfb).
test-wireshark:
	@sh test/wireshark/run.sh

wireshark-screenshot:
	@sh test/wireshark/screenshot.sh

# Everything a build wrote: make build, luarocks make in the tree
# (sipcodes/core.so, src/*.o, local rocks trees), make dist and make deb,
# and dpkg-buildpackage run in the tree itself.
clean:
	rm -rf build dist sipcodes lua_modules lua_modules-jit .luarocks src/*.o *.rock
	rm -rf 5.[1-4]-sipcodes debian/.debhelper debian/tmp debian/lua-sipcodes debian/lua-sipcodes-dev \
	       debian/files debian/*.substvars debian/*.debhelper.log debian/debhelper-build-stamp \
	       debian/lua-sipcodes.install debian/lua-sipcodes-dev.install

# Sanitizers, valgrind, fuzzing and threads: check-asan, check-valgrind,
# check-threads, fuzz, and reliability for all four.
include tools/reliability.mk
