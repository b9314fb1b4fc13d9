/* credentials.c: tests of the ICAO transliteration (src/core/translit.c) and login bases */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/translit.h"
#include "domain/credentials.h"

static void test_translit(void **state)
{
	struct zh_arena *a = zh_arena_new();
	(void)state;
	assert_string_equal(zh_translit(a, "Щукин"), "shchukin");
	assert_string_equal(zh_translit(a, "Ёлкина"), "elkina");
	assert_string_equal(zh_translit(a, "Юрьев"), "iurev");
	assert_string_equal(zh_translit(a, "Воробьёв"), "vorobev");
	assert_string_equal(zh_translit(a, "Подъячев"), "podieiachev");
	/* every letter of the alphabet, both cases */
	assert_string_equal(zh_translit(a, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
			    "abvgdeezhziiklmnoprstufkhtschshshchieyeiuia");
	assert_string_equal(zh_translit(a, "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"),
			    "abvgdeezhziiklmnoprstufkhtschshshchieyeiuia");
	/* ASCII letters lower-cased, digits kept, the rest dropped */
	assert_string_equal(zh_translit(a, "Петров-Водкин 2 O'Neil ü"), "petrovvodkin2oneil");
	assert_string_equal(zh_translit(a, ""), "");
	zh_arena_free(a);
}

static void test_translit_buf(void **state)
{
	char buf[8];
	(void)state;
	/* stops at the last whole letter that fits */
	assert_int_equal(zh_translit_buf("Щукин", buf, 6), 5);
	assert_string_equal(buf, "shchu");
	assert_int_equal(zh_translit_buf("Щукин", buf, 4), 0);
	assert_string_equal(buf, "");
	assert_int_equal(zh_translit_buf("Жук", buf, sizeof buf), 4);
	assert_string_equal(buf, "zhuk");
	assert_int_equal(zh_translit_buf("x", buf, 0), 0);
}

static void test_login_base(void **state)
{
	struct zh_arena *a = zh_arena_new();
	(void)state;
	assert_string_equal(zh_cred_login_base(a, "Иванова", "Мария", "Петровна"), "ivanova.mp");
	assert_string_equal(zh_cred_login_base(a, "Щукин", "Юрий", "Ёсифович"), "shchukin.iue");
	assert_string_equal(zh_cred_login_base(a, "Ёлкина", "Анна", ""), "elkina.a");
	assert_string_equal(zh_cred_login_base(a, "Ьь", "Анна", "Ильинична"), "user.ai");
	const char *lng = zh_cred_login_base(a, "Константинопольская-Достоевская-Щедрина", "Анна", "Ильинична");
	assert_true(strlen(lng) <= 40);
	assert_true(strncmp(lng, "konstantinopolskaia", 19) == 0);
	zh_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_translit),
		cmocka_unit_test(test_translit_buf),
		cmocka_unit_test(test_login_base),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
