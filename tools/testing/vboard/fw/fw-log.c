// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Test firmware: the trace buffer Linux reads as trace0, and a formatter
 * small enough for it (%s %c %d %u %x %lu %lx %llu with width and zero
 * padding). Each line is "[seconds.micros] text", NUL terminated, appended
 * while it fits, as the model's M4 writes it.
 */
#include <stdarg.h>

#include "fw-rt.h"

static char *trace;
static uint32_t trace_len, trace_pos;

void *fw_memcpy(void *d, const void *s, uint32_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

struct out {
	char *buf;
	uint32_t size, n;
};

static void put(struct out *o, char c)
{
	if (o->n + 1 < o->size)
		o->buf[o->n] = c;
	o->n++;
}

static void put_num(struct out *o, unsigned long long v, unsigned int base,
		    int width, char pad, int neg)
{
	char tmp[24];
	int i = 0;

	do {
		tmp[i++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[i++] = '-';
	while (width-- > i)
		put(o, pad);
	while (i)
		put(o, tmp[--i]);
}

static int fw_vsnprintf(char *buf, uint32_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int width = 0, l = 0;
		char pad = ' ';

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + *fmt++ - '0';
		while (*fmt == 'l') {
			l++;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);

			while (*s)
				put(&o, *s++);
			break;
		}
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 'd': {
			long long v = l > 1 ? va_arg(ap, long long) :
				      l ? va_arg(ap, long) : va_arg(ap, int);

			put_num(&o, v < 0 ? -v : v, 10, width, pad, v < 0);
			break;
		}
		case 'u':
		case 'x': {
			unsigned long long v = l > 1 ? va_arg(ap, unsigned long long) :
					       l ? va_arg(ap, unsigned long) :
					       va_arg(ap, unsigned int);

			put_num(&o, v, *fmt == 'x' ? 16 : 10, width, pad, 0);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default:
			return -1;
		}
	}
	if (o.size)
		o.buf[o.n < o.size ? o.n : o.size - 1] = '\0';
	return (int)o.n;
}

int fw_snprintf(char *buf, uint32_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fw_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void log_init(char *buf, uint32_t len)
{
	trace = buf;
	trace_len = len;
	trace_pos = 0;
	if (trace && len)
		trace[0] = '\0';
}

void fw_log(const char *fmt, ...)
{
	uint64_t us = hw_us();
	char line[128];
	va_list ap;
	int n;

	n = fw_snprintf(line, sizeof(line), "[%5lu.%06lu] ",
			(unsigned long)(us / 1000000), (unsigned long)(us % 1000000));
	va_start(ap, fmt);
	n += fw_vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (!trace || trace_pos + n >= trace_len)
		return;
	fw_memcpy(trace + trace_pos, line, n);
	trace_pos += n;
	trace[trace_pos] = '\0';
}
