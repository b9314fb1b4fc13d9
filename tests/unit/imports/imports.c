/* imports.c: unit tests of the CSV reader/writer and the XLSX writer/reader round trip */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "export/csv.h"
#include "export/xlsx.h"
#include "import/table.h"

static void csv_quotes_and_newlines(void **state)
{
	(void)state;
	static const char in[] = "\xEF\xBB\xBF" "Фамилия;Имя;Примечание\r\n"
				 "\"Иванов; мл.\";Иван;\"строка 1\nстрока 2\"\r\n"
				 "\"Петров \"\"Пётр\"\"\";;\r\n";
	struct zh_table t;
	assert_int_equal(zh_csv_read(in, sizeof in - 1, &t), ZH_OK);
	assert_int_equal(t.n, 3);
	assert_string_equal(zh_table_cell(&t.rows[0], 0), "Фамилия");
	assert_string_equal(zh_table_cell(&t.rows[1], 0), "Иванов; мл.");
	assert_string_equal(zh_table_cell(&t.rows[1], 2), "строка 1\nстрока 2");
	assert_string_equal(zh_table_cell(&t.rows[2], 0), "Петров \"Пётр\"");
	assert_int_equal(t.rows[2].n, 3);
	assert_string_equal(zh_table_cell(&t.rows[2], 1), "");
	assert_int_equal(t.rows[2].line, 3);
	zh_table_free(&t);
}

static void csv_cp1251_comma(void **state)
{
	(void)state;
	/* "Фамилия,Ёж" in Windows-1251 */
	static const char in[] = "\xD4\xE0\xEC\xE8\xEB\xE8\xFF,\xA8\xE6\n\xE0,\"b,c\"\n";
	struct zh_table t;
	assert_int_equal(zh_csv_read(in, sizeof in - 1, &t), ZH_OK);
	assert_int_equal(t.n, 2);
	assert_string_equal(zh_table_cell(&t.rows[0], 0), "Фамилия");
	assert_string_equal(zh_table_cell(&t.rows[0], 1), "Ёж");
	assert_string_equal(zh_table_cell(&t.rows[1], 0), "а");
	assert_string_equal(zh_table_cell(&t.rows[1], 1), "b,c");
	zh_table_free(&t);
}

static void add(struct zh_table *t, const char *a, const char *b)
{
	struct zh_trow *r = zh_table_row(t, (int)t->n + 1);
	assert_non_null(r);
	assert_int_equal(zh_table_add(r, a), ZH_OK);
	assert_int_equal(zh_table_add(r, b), ZH_OK);
}

static void csv_writer(void **state)
{
	(void)state;
	struct zh_table t = { 0 };
	add(&t, "Фамилия", "Имя");
	add(&t, "=СУММ(A1)", "a;b");
	add(&t, "+7 900", "say \"hi\"");
	add(&t, "-x", "@y");
	char *out;
	size_t len;
	assert_int_equal(zh_csv_write(&t, &out, &len), ZH_OK);
	static const char want[] = "\xEF\xBB\xBF" "Фамилия;Имя\r\n'=СУММ(A1);\"a;b\"\r\n'+7 900;\"say \"\"hi\"\"\"\r\n'-x;'@y\r\n";
	assert_int_equal(len, sizeof want - 1);
	assert_memory_equal(out, want, len);
	/* and it reads back (the apostrophes stay: the importer strips them) */
	struct zh_table back;
	assert_int_equal(zh_csv_read(out, len, &back), ZH_OK);
	assert_int_equal(back.n, 4);
	assert_string_equal(zh_table_cell(&back.rows[1], 1), "a;b");
	assert_string_equal(zh_table_cell(&back.rows[2], 1), "say \"hi\"");
	zh_table_free(&back);
	free(out);
	zh_table_free(&t);
}

static void xlsx_round_trip(void **state)
{
	(void)state;
	struct zh_table t = { 0 };
	add(&t, "Фамилия", "Класс");
	add(&t, "Ёлкина", "5А");
	add(&t, "", "11Б"); /* an empty cell keeps its place */
	add(&t, "Иванов", "");
	char *out;
	size_t len;
	assert_int_equal(zh_xlsx_write(&t, "Ученики 5А: очень длинное имя листа больше 31", &out, &len), ZH_OK);
	assert_true(len > 100);
	assert_memory_equal(out, "PK", 2);
	struct zh_table back;
	assert_int_equal(zh_xlsx_read(out, len, &back), ZH_OK);
	assert_int_equal(back.n, 4);
	assert_string_equal(zh_table_cell(&back.rows[1], 0), "Ёлкина");
	assert_string_equal(zh_table_cell(&back.rows[1], 1), "5А");
	assert_string_equal(zh_table_cell(&back.rows[2], 0), "");
	assert_string_equal(zh_table_cell(&back.rows[2], 1), "11Б");
	assert_string_equal(zh_table_cell(&back.rows[3], 0), "Иванов");
	assert_int_equal(back.rows[3].line, 4);
	zh_table_free(&back);
	free(out);
	zh_table_free(&t);
	struct zh_table bad;
	assert_int_equal(zh_xlsx_read("PK\x03\x04junk", 8, &bad), ZH_EPARSE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_quotes_and_newlines),
		cmocka_unit_test(csv_cp1251_comma),
		cmocka_unit_test(csv_writer),
		cmocka_unit_test(xlsx_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
