/* str.h: string helpers: UTF-8 validation, hex, base64url, constant-time compare */
#ifndef ZH_STR_H
#define ZH_STR_H

#include <stdbool.h>
#include <stddef.h>

/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF, no NUL. */
bool zh_utf8_valid(const char *s, size_t n);
/* Number of code points of valid UTF-8. */
size_t zh_utf8_len(const char *s, size_t n);
void zh_hex(const unsigned char *in, size_t n, char *out); /* out: 2n+1 bytes */
/* Unpadded base64url of n bytes into out (needs 4*ceil(n/3)+1 bytes). */
void zh_b64url(const unsigned char *in, size_t n, char *out);
bool zh_streq_ct(const char *a, const char *b);
bool zh_str_startswith(const char *s, const char *prefix);
/* Parses a decimal int64 that must fill the whole string; false on junk or overflow. */
bool zh_parse_i64(const char *s, long long *out);

#endif
