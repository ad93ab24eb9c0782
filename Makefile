# mdplan - plain Makefile. `make` builds, `make check` runs every test with
# AddressSanitizer and UBSan, `make demo` builds the demo database and serves it.
CC ?= cc
O ?= build
SANITIZE ?=
PKGS = sqlite3 icu-uc icu-i18n libxml-2.0 jansson libsodium xlsxwriter libmicrohttpd libzip libcurl

DEVFLAGS = -std=c17 -Wall -Wextra -Wpedantic -Werror -Wmissing-prototypes \
	-Wstrict-prototypes -Wshadow -Wwrite-strings -Wvla -Wformat=2
CFLAGS ?= -O2 -g
ALL_CFLAGS = $(DEVFLAGS) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null) -Isrc
LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif

LIB_SRC = $(wildcard src/base/*.c src/text/*.c src/crypto/*.c src/kpi/*.c src/html/*.c src/store/*.c src/import/*.c src/mail/*.c src/auth/*.c src/edit/*.c src/report/*.c src/page/*.c src/web/*.c)
CLI_SRC = $(wildcard src/cli/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(O)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(O)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
HDRS = $(wildcard src/*/*.h)

DB ?= mdplan.db
PORT ?= 8080

.PHONY: all deps test-deps check check-fast units test demo demo.db fuzz bench clean
all: deps $(O)/mdplan

# what the build needs (make, make demo); test-deps adds what the tests need
# (python3, chromium, Node and the npm packages of tests/browser)
deps:
	@sh scripts/install-deps

test-deps:
	@MDPLAN_TESTS=1 sh scripts/install-deps

$(O)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# the common passwords (src/auth/common.c) as a C array
$(O)/gen/common-passwords.inc: data/common-passwords.txt scripts/gen-common-passwords
	@mkdir -p $(dir $@)
	sh scripts/gen-common-passwords $< >$@.tmp && mv $@.tmp $@
$(O)/src/auth/common.o: $(O)/gen/common-passwords.inc
$(O)/src/auth/common.o: ALL_CFLAGS += -I$(O)/gen

$(O)/libmdplan.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(O)/mdplan: $(CLI_OBJ) $(O)/libmdplan.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(O)/libmdplan.a $(LIBS)

$(O)/tests/%: tests/unit/%.c $(O)/libmdplan.a $(HDRS) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libmdplan.a $(LIBS) $(shell pkg-config --libs cmocka)

# The test run uses its own sanitized build tree.
check: test-deps
	@$(MAKE) --no-print-directory O=build-san SANITIZE=address,undefined CFLAGS="-O1 -g" build-san/mdplan units
	@MDPLAN=build-san/mdplan UNITDIR=build-san/tests sh tests/run.sh

# The same tests against the optimised build, without sanitizers.
check-fast: test-deps all units
	@sh tests/run.sh

$(O)/tests/golden_driver: tests/golden/driver.c $(O)/libmdplan.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libmdplan.a $(LIBS)

$(O)/tests/search_oracle: tests/search/oracle.c $(O)/libmdplan.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libmdplan.a $(LIBS)

$(O)/tests/search_hidden: tests/search/hidden.c $(O)/libmdplan.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libmdplan.a $(LIBS)

# the load client of bench/edit-load.sh (base only; not part of libmdplan)
$(O)/bench/loadtool: bench/loadtool.c $(O)/libmdplan.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libmdplan.a -lm

# the auth tests count the constant-time comparisons and password checks
$(O)/tests/test_auth: LDFLAGS += -Wl,--wrap=sodium_memcmp -Wl,--wrap=crypto_pwhash_str_verify \
	-Wl,--wrap=crypto_pwhash_str_alg

units: $(UNIT_BIN) $(O)/tests/golden_driver $(O)/tests/search_oracle $(O)/tests/search_hidden \
	$(O)/bench/loadtool

test: check

demo.db: all
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	$(O)/mdplan --db $(DB) import plan data/plan-2nd.txt
	$(O)/mdplan --db $(DB) import followup data/followup-r7.tsv
	$(O)/mdplan --db $(DB) import indicator-defs data/indicator-defs.csv
	$(O)/mdplan --db $(DB) import indicators data/indicators.csv
	$(O)/mdplan --db $(DB) import programmes data/programmes.csv
	$(O)/mdplan --db $(DB) import budgets data/budgets.csv
	$(O)/mdplan --db $(DB) import programme-results data/programme-results.csv
	$(O)/mdplan --db $(DB) import programme-indicators data/programme-indicators.csv
	$(O)/mdplan --db $(DB) import hubs data/hubs.csv
	$(O)/mdplan --db $(DB) import sources data/sources.csv
	@rm -f $(DB).accounts
	sh scripts/demo-round $(O)/mdplan $(DB)

demo: demo.db
	$(O)/mdplan --db $(DB) stats
	@echo "Open http://127.0.0.1:$(PORT)/ in a browser (English: /en/). Ctrl-C stops."
	$(O)/mdplan --db $(DB) serve --port $(PORT)

fuzz: deps
	@MDPLAN_FUZZ=1 sh scripts/install-deps
	@sh tests/fuzz/run.sh

bench: all $(O)/bench/loadtool
	@sh bench/import.sh
	@sh bench/http.sh
	@sh bench/search.sh
	@sh bench/followup.sh
	@sh bench/flood.sh
	@sh bench/edit-load.sh
	@sh bench/upload.sh

clean:
	rm -rf build build-san build-fuzz tests/out
