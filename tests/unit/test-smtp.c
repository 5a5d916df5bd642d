/* test-smtp.c: the SMTP client against tests/fake-smtp: plain, TLS, STARTTLS, refusals and bounded waits. */
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "smtp.h"

#define FROM	"Streamify <no-reply@streamify.test>"

static char	 dir[64];		/* the fake's directory: certificate, key, mail */
static int	 port, tls_port;	/* its plain and its TLS port */
static pid_t	 fake_pid;

/* A TCP port nobody listens on now. */
static int
free_port(void)
{
	struct sockaddr_in	 a;
	socklen_t		 len = sizeof(a);
	int			 fd = socket(AF_INET, SOCK_STREAM, 0), p;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&a, sizeof(a));
	getsockname(fd, (struct sockaddr *)&a, &len);
	p = ntohs(a.sin_port);
	close(fd);
	return p;
}

static int
can_connect(int p)
{
	struct sockaddr_in	 a;
	int			 fd = socket(AF_INET, SOCK_STREAM, 0), rc;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)p);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	rc = connect(fd, (struct sockaddr *)&a, sizeof(a));
	close(fd);
	return rc == 0;
}

static void
fake_stop(void)
{
	char	 cmd[128];

	if (fake_pid > 0) {
		kill(fake_pid, SIGTERM);
		waitpid(fake_pid, NULL, 0);
		fake_pid = 0;
	}
	if (dir[0] != '\0') {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "test-smtp: could not remove %s\n", dir);
	}
}

/* Start tests/fake-smtp once, with a fresh self-signed certificate for localhost and 127.0.0.1. */
static void
fake_start(void)
{
	const char	*src = getenv("STREAMIFY_SRCDIR");
	char		 cmd[1024], script[512], cert[128], key[128], mail[128], p1[16], p2[16];
	int		 i;

	if (fake_pid > 0)
		return;
	snprintf(dir, sizeof(dir), "/tmp/streamify-smtp-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cert, sizeof(cert), "%s/cert.pem", dir);
	snprintf(key, sizeof(key), "%s/key.pem", dir);
	snprintf(mail, sizeof(mail), "%s/mail", dir);
	snprintf(cmd, sizeof(cmd), "openssl req -x509 -newkey rsa:2048 -nodes -keyout '%s' -out '%s' "
	    "-days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 "
	    ">/dev/null 2>&1", key, cert);
	ck_assert_int_eq(system(cmd), 0);
	port = free_port();
	do
		tls_port = free_port();
	while (tls_port == port);
	snprintf(p1, sizeof(p1), "%d", port);
	snprintf(p2, sizeof(p2), "%d", tls_port);
	snprintf(script, sizeof(script), "%s/tests/fake-smtp", src ? src : ".");
	atexit(fake_stop);
	if ((fake_pid = fork()) == 0) {
		execlp("python3", "python3", script, "--port", p1, "--tls-port", p2, "--cert", cert,
		    "--key", key, "--maildir", mail, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 100 && !(can_connect(port) && can_connect(tls_port)); i++)
		usleep(50000);
	ck_assert_msg(can_connect(port), "the fake SMTP server does not listen");
}

/* How many mails the fake has received. */
static int
mail_count(void)
{
	char		 path[128];
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	snprintf(path, sizeof(path), "%s/mail", dir);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		n += strstr(e->d_name, ".eml") != NULL && strstr(e->d_name, ".tmp") == NULL;
	closedir(d);
	return n;
}

/* The text of mail number n (from 1), into a static buffer. */
static const char *
mail_text(int n)
{
	static char	 buf[65536];
	char		 path[160];
	FILE		*f;
	size_t		 len;

	snprintf(path, sizeof(path), "%s/mail/%06d.eml", dir, n);
	buf[0] = '\0';
	if ((f = fopen(path, "rb")) == NULL)
		return buf;
	len = fread(buf, 1, sizeof(buf) - 1, f);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static struct smtp_server
server(const char *url, const char *ca, int starttls, long timeout)
{
	struct smtp_server	 s;

	memset(&s, 0, sizeof(s));
	s.url = url;
	s.from = FROM;
	s.ca_file = ca;
	s.starttls = starttls;
	s.timeout = timeout;
	return s;
}

START_TEST(addresses)
{
	char	 a[64];

	ck_assert_int_eq(smtp_address("Streamify <no-reply@example.com>", a, sizeof(a)), 0);
	ck_assert_str_eq(a, "no-reply@example.com");
	ck_assert_int_eq(smtp_address("  ops@example.com ", a, sizeof(a)), 0);
	ck_assert_str_eq(a, "ops@example.com");
	ck_assert_int_eq(smtp_address("no address", a, sizeof(a)), -1);
	ck_assert_int_eq(smtp_address("X <a@b", a, sizeof(a)), -1);
	ck_assert_int_eq(smtp_address("X <a b@c>", a, sizeof(a)), -1);
	ck_assert_int_eq(smtp_address("x@y\r\nRCPT TO:<z@w>", a, sizeof(a)), -1);
	ck_assert_int_eq(smtp_address(NULL, a, sizeof(a)), -1);
	ck_assert_int_eq(smtp_address("a-very-long-address@example.com", a, 8), -1);
}
END_TEST

START_TEST(message_format)
{
	char	*m;

	m = smtp_format(FROM, "u@example.com", "Reset", "line one\nline two\n", "Thu, 03 Dec 2026 "
	    "11:00:00 +0000", "abc@streamify.test");
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(strstr(m, "\r\nTo: <u@example.com>\r\n"));
	ck_assert_ptr_nonnull(strstr(m, "Content-Type: text/plain; charset=utf-8\r\n"));
	ck_assert_ptr_nonnull(strstr(m, "\r\n\r\nline one\r\nline two\r\n"));
	ck_assert_ptr_null(strstr(m, "two\r\n\r\n"));
	free(m);
	m = smtp_format(FROM, "u@example.com", "S", "no end", "d", "i@x");
	ck_assert_ptr_nonnull(strstr(m, "\r\n\r\nno end\r\n"));
	free(m);
	ck_assert_ptr_null(smtp_format(FROM, "u@example.com\r\nBcc: x@y", "S", "t", "d", "i@x"));
	ck_assert_ptr_null(smtp_format(FROM, "u@example.com", "S\nBcc: x@y", "t", "d", "i@x"));
	ck_assert_ptr_null(smtp_format(FROM, "u@example.com", "Caf\xc3\xa9", "t", "d", "i@x"));
}
END_TEST

START_TEST(plain)
{
	struct smtp_server	 s;
	char			 url[64], err[SMTP_ERR_MAX];
	const char		*m;
	int			 before;

	fake_start();
	before = mail_count();
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", port);
	s = server(url, NULL, 0, 10);
	ck_assert_msg(smtp_send(&s, "anna@example.com", "Hello", "Hi Anna,\n.\n..dots\nbye\n",
	    err) == 0, "%s", err);
	ck_assert_int_eq(mail_count(), before + 1);
	m = mail_text(before + 1);
	ck_assert_ptr_nonnull(strstr(m, "X-Envelope-From: no-reply@streamify.test\r\n"));
	ck_assert_ptr_nonnull(strstr(m, "X-Envelope-To: anna@example.com\r\n"));
	ck_assert_ptr_nonnull(strstr(m, "Subject: Hello\r\n"));
	ck_assert_ptr_nonnull(strstr(m, "From: " FROM "\r\n"));
	ck_assert_ptr_nonnull(strstr(m, "Message-ID: <"));
	ck_assert_ptr_nonnull(strstr(m, "\r\n\r\nHi Anna,\r\n.\r\n..dots\r\nbye\r\n"));
}
END_TEST

START_TEST(tls)
{
	struct smtp_server	 s;
	char			 url[64], ca[128], err[SMTP_ERR_MAX];
	int			 before;

	fake_start();
	snprintf(ca, sizeof(ca), "%s/cert.pem", dir);
	before = mail_count();
	snprintf(url, sizeof(url), "smtps://localhost:%d", tls_port);
	s = server(url, ca, 0, 10);
	ck_assert_msg(smtp_send(&s, "tls@example.com", "Over TLS", "secret link\n", err) == 0, "%s",
	    err);
	ck_assert_int_eq(mail_count(), before + 1);
	ck_assert_ptr_nonnull(strstr(mail_text(before + 1), "X-Envelope-To: tls@example.com"));

	/* The server's certificate is checked: against the system's CAs this one fails. */
	s = server(url, NULL, 0, 10);
	ck_assert_int_eq(smtp_send(&s, "tls@example.com", "Over TLS", "x\n", err), -1);
	ck_assert_int_eq(mail_count(), before + 1);
	ck_assert_str_ne(err, "");

	/* STARTTLS on the plain port, required. */
	snprintf(url, sizeof(url), "smtp://localhost:%d", port);
	s = server(url, ca, 1, 10);
	ck_assert_msg(smtp_send(&s, "starttls@example.com", "Upgraded", "x\n", err) == 0, "%s", err);
	ck_assert_int_eq(mail_count(), before + 2);
	ck_assert_ptr_nonnull(strstr(mail_text(before + 2), "X-Envelope-To: starttls@example.com"));
}
END_TEST

START_TEST(refusals)
{
	struct smtp_server	 s;
	char			 url[64], err[SMTP_ERR_MAX];
	int			 before;

	fake_start();
	before = mail_count();
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", port);
	s = server(url, NULL, 0, 10);
	ck_assert_int_eq(smtp_send(&s, "a@example.com\r\nRCPT TO:<b@example.com>", "S", "t", err), -1);
	ck_assert_int_eq(smtp_send(&s, "<a@example.com>", "S", "t", err), -1);
	ck_assert_int_eq(smtp_send(&s, "no-at-sign", "S", "t", err), -1);
	ck_assert_int_eq(smtp_send(&s, "a@example.com", "S\r\nBcc: b@example.com", "t", err), -1);
	s.from = "nobody";
	ck_assert_int_eq(smtp_send(&s, "a@example.com", "S", "t", err), -1);
	ck_assert_int_eq(mail_count(), before);
	s = server("", NULL, 0, 10);
	ck_assert_int_eq(smtp_send(&s, "a@example.com", "S", "t", err), -1);
	ck_assert_str_eq(err, "no smtp_url is set");
	s = server("http://127.0.0.1:1", NULL, 0, 10);
	ck_assert_int_eq(smtp_send(&s, "a@example.com", "S", "t", err), -1);
}
END_TEST

/* A server that is down answers at once; one that never speaks costs the timeout, no more. */
START_TEST(bounded_when_down)
{
	struct smtp_server	 s;
	struct sockaddr_in	 a;
	socklen_t		 len = sizeof(a);
	struct timespec		 t0, t1;
	char			 url[64], err[SMTP_ERR_MAX];
	double			 took;
	int			 fd;

	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", free_port());
	s = server(url, NULL, 0, 10);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(smtp_send(&s, "a@example.com", "S", "t", err), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	took = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	ck_assert_msg(took < 2, "refused connection took %.2f s", took);
	ck_assert_ptr_nonnull(strstr(err, "onnect"));

	/* Listening, but never accepting nor greeting. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(listen(fd, 4), 0);
	getsockname(fd, (struct sockaddr *)&a, &len);
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", ntohs(a.sin_port));
	s = server(url, NULL, 0, 2);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(smtp_send(&s, "a@example.com", "S", "t", err), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	took = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	ck_assert_msg(took >= 1.5 && took < 4, "a silent server took %.2f s (timeout 2)", took);
	close(fd);
}
END_TEST

CHECK_MAIN("smtp", addresses, message_format, plain, tls, refusals, bounded_when_down)
