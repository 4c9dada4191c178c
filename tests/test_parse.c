/* Option value parsing: every malformed, negative, zero or overflowing value is refused with a
 * message naming the option. */
#include "common/error.h"
#include "common/parse.h"

#include <criterion/criterion.h>
#include <string.h>

static void expect_refused(int status, const char *option) {
    cr_expect_neq(status, 0);
    cr_expect(strstr(vb_error_get(), option) != NULL, "%s", vb_error_get());
}

Test(parse, integers) {
    long long v = 0;
    cr_expect_eq(vb_parse_int("--fps", "60", 1, 1000, &v), 0);
    cr_expect_eq(v, 60);
    expect_refused(vb_parse_int("--fps", "0", 1, 1000, &v), "--fps");
    expect_refused(vb_parse_int("--fps", "-5", 1, 1000, &v), "--fps");
    expect_refused(vb_parse_int("--fps", "1001", 1, 1000, &v), "--fps");
    expect_refused(vb_parse_int("--fps", "60fps", 1, 1000, &v), "--fps");
    expect_refused(vb_parse_int("--fps", "", 1, 1000, &v), "--fps");
    expect_refused(vb_parse_int("--fps", " 6", 1, 1000, &v), "--fps");
    expect_refused(vb_parse_int("--frame", "99999999999999999999999", 0, 100, &v), "--frame");
}

Test(parse, doubles) {
    double d = 0;
    cr_expect_eq(vb_parse_double("--at", "1.5", 0, 10, &d), 0);
    cr_expect_eq(d, 1.5);
    expect_refused(vb_parse_double("--at", "nan", 0, 10, &d), "--at");
    expect_refused(vb_parse_double("--at", "inf", 0, 10, &d), "--at");
    expect_refused(vb_parse_double("--at", "-1", 0, 10, &d), "--at");
    expect_refused(vb_parse_double("--at", "1e400", 0, 10, &d), "--at");
    expect_refused(vb_parse_double("--at", "abc", 0, 10, &d), "--at");
}

Test(parse, sizes) {
    int w = 0, h = 0;
    cr_expect_eq(vb_parse_size("--size", "1080x200", 64, 32, 7680, 4320, &w, &h), 0);
    cr_expect(w == 1080 && h == 200);
    expect_refused(vb_parse_size("--size", "0x0", 64, 32, 7680, 4320, &w, &h), "--size");
    expect_refused(vb_parse_size("--size", "100000x100000", 64, 32, 7680, 4320, &w, &h), "--size");
    expect_refused(vb_parse_size("--size", "4294967296x4294967296", 64, 32, 7680, 4320, &w, &h),
                   "--size");
    expect_refused(vb_parse_size("--size", "1080", 64, 32, 7680, 4320, &w, &h), "--size");
    expect_refused(vb_parse_size("--size", "1080x", 64, 32, 7680, 4320, &w, &h), "--size");
    expect_refused(vb_parse_size("--size", "-1080x200", 64, 32, 7680, 4320, &w, &h), "--size");
    expect_refused(vb_parse_size("--size", "1080x200x3", 64, 32, 7680, 4320, &w, &h), "--size");
}
