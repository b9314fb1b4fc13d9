/* pdf.c: tests of the PDF writer (src/export/pdf.c): a valid file with extractable Cyrillic */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "export/pdf.h"

static void test_smoke(void **state)
{
	struct zh_pdf *d;
	char *data;
	size_t len;
	(void)state;
	assert_int_equal(zh_pdf_new(&(struct zh_pdf_opts){ .title = "Проверка" }, &d), 0);
	assert_true(zh_pdf_width(d) == ZH_PDF_A4_W && zh_pdf_height(d) == ZH_PDF_A4_H);
	double h = zh_pdf_text(d, 20, 20, 170, &(struct zh_pdf_style){ .size = 14, .bold = true },
			       "Ёлкина Алёна Йовановна");
	assert_true(h > 4 && h < 8);  /* one line of 14 pt ≈ 5.7 mm */
	/* a long text wraps into several lines */
	assert_true(zh_pdf_text_height(d, 40, NULL, "Съешь же ещё этих мягких французских булок, да выпей чаю")
		    > 2 * zh_pdf_text_height(d, 40, NULL, "Съешь"));
	zh_pdf_text(d, 20, 30, 0, &(struct zh_pdf_style){ .mono = true }, "ivanova.mp2 Kx7pQ2mZta");
	zh_pdf_rect(d, 10, 10, 95, 69, 0.4, true);
	zh_pdf_line(d, 10, 80, 200, 80, 0.4, false);
	zh_pdf_fill(d, 10, 90, 20, 5, 0.9);
	zh_pdf_set_cursor(d, 100);
	for (int i = 0; i < 200; i++)  /* the flow breaks pages by itself */
		zh_pdf_para(d, NULL, "Строка текста, которая течёт по страницам.");
	assert_true(zh_pdf_cursor(d) < ZH_PDF_A4_H);
	assert_int_equal(zh_pdf_finish(d, &data, &len), 0);
	assert_non_null(data);
	assert_true(len > 1000);
	assert_memory_equal(data, "%PDF-", 5);
	assert_non_null(strstr(data + len - 32, "%%EOF"));

	/* the text comes back out (when poppler's pdftotext is installed) */
	char path[] = "/tmp/zh_pdf_test_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	free(data);
	if (system("command -v pdftotext >/dev/null 2>&1") == 0) {
		char cmd[128], out[65536];
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s -", path);
		FILE *p = popen(cmd, "r");
		assert_non_null(p);
		size_t n = fread(out, 1, sizeof out - 1, p);
		out[n] = 0;
		pclose(p);
		assert_non_null(strstr(out, "Ёлкина Алёна Йовановна"));
		assert_non_null(strstr(out, "ivanova.mp2 Kx7pQ2mZta"));
		assert_non_null(strstr(out, "течёт по страницам"));
	}
	unlink(path);
}

static void test_limit(void **state)
{
	struct zh_pdf *d;
	char *data = (char *)1;
	size_t len = 1;
	(void)state;
	assert_int_equal(zh_pdf_new(&(struct zh_pdf_opts){ .max_bytes = 200 }, &d), 0);
	zh_pdf_text(d, 20, 20, 170, NULL, "Слишком большой документ для двухсот байт");
	assert_int_equal(zh_pdf_finish(d, &data, &len), ZH_ETOOBIG);
	assert_null(data);
	assert_int_equal(len, 0);
	zh_pdf_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smoke),
		cmocka_unit_test(test_limit),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	zh_pdf_shutdown();
	zh_pdf_shutdown(); /* twice is fine */
	return rc;
}
