/* xlsx.c: the XLSX writer (see xlsx.h); libxlsxwriter writes a file, which is read back */
#include "export/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/str.h"

/* The sheet name: at most 31 characters, no []:*?/\ */
static void sheet_name(const char *in, char *out, size_t cap)
{
	size_t o = 0, chars = 0;
	for (const unsigned char *p = (const unsigned char *)(in && *in ? in : "Лист1"); *p && chars < 31;) {
		size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		if (o + n + 1 > cap)
			break;
		if (n == 1 && strchr("[]:*?/\\'", *p))
			out[o++] = '_';
		else
			for (size_t i = 0; i < n && p[i]; i++)
				out[o++] = (char)p[i];
		p += n;
		chars++;
	}
	out[o] = 0;
}

enum zh_err zh_xlsx_write(const struct zh_table *t, const char *sheet, char **out, size_t *len)
{
	char path[] = "/tmp/zh-xlsx-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return ZH_EIO;
	close(fd);
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE, .tmpdir = "/tmp" };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		unlink(path);
		return ZH_EIO;
	}
	char name[128];
	sheet_name(sheet, name, sizeof name);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	if (!ws)
		ws = workbook_add_worksheet(wb, NULL);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	size_t ncol = 0;
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i].n > ncol)
			ncol = t->rows[i].n;
	for (size_t i = 0; i < t->n && i < 1048576; i++)
		for (size_t j = 0; j < t->rows[i].n && j < 16384; j++)
			if (t->rows[i].cells[j][0])
				worksheet_write_string(ws, (lxw_row_t)i, (lxw_col_t)j, t->rows[i].cells[j],
						       i == 0 ? bold : NULL);
	for (size_t j = 0; j < ncol && j < 16384; j++) {
		size_t w = 8;
		for (size_t i = 0; i < t->n; i++) {
			const char *s = zh_table_cell(&t->rows[i], j);
			size_t l = zh_utf8_len(s, strlen(s)) + 2;
			if (l > w)
				w = l;
		}
		worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, (double)(w > 50 ? 50 : w), NULL);
	}
	if (t->n)
		worksheet_freeze_panes(ws, 1, 0);
	lxw_error le = workbook_close(wb);
	if (le != LXW_NO_ERROR) {
		unlink(path);
		return ZH_EIO;
	}
	FILE *f = fopen(path, "rb");
	unlink(path);
	if (!f)
		return ZH_EIO;
	enum zh_err e = ZH_OK;
	long sz = -1;
	if (fseek(f, 0, SEEK_END) == 0)
		sz = ftell(f);
	char *buf = sz > 0 ? malloc((size_t)sz) : NULL;
	if (!buf || fseek(f, 0, SEEK_SET) != 0 || fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
		free(buf);
		e = sz > 0 && !buf ? ZH_ENOMEM : ZH_EIO;
	} else {
		*out = buf;
		*len = (size_t)sz;
	}
	fclose(f);
	return e;
}
