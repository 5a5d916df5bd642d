/*
 * hello-fcgi: the smallest libfcgi server, the reference the load benchmark compares against.
 *
 * Usage: hello-fcgi SOCKETPATH [WORKERS]
 * Opens the unix socket SOCKETPATH (mode 0600), forks WORKERS processes (default 2) that share
 * it, and answers every request with 200 {"success":true,"data":{"status":"ok"}}; with the
 * query bytes=N (64..HELLO_MAX_BODY) the body is a JSON object of N bytes instead, the ceiling
 * for an answer of that size. SIGTERM or SIGINT to the parent stops the workers and removes the
 * socket. No database, no routing: whatever a real route costs on top of this is the
 * application's own cost.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#define HELLO_MAX_WORKERS 256
#define HELLO_MAX_BODY	(1 << 20)	/* largest bytes=N */

/* The whole answer, headers included (the body is 39 bytes). */
static const char hello_response[] =
    "Status: 200 OK\r\n"
    "Content-Type: application/json\r\n"
    "Content-Length: 39\r\n"
    "\r\n"
    "{\"success\":true,\"data\":{\"status\":\"ok\"}}";

/* A body of N bytes: {"success":true,"data":"xxx...x"} (prefix, N - 36 x, suffix). */
#define HELLO_PAD_HEAD	"{\"success\":true,\"data\":\""
#define HELLO_PAD_TAIL	"\"}"

static char	 hello_pad[HELLO_MAX_BODY];	/* the x's */

/* Answers with a body of n bytes (HELLO_PAD_*). */
static void
hello_sized(FCGX_Stream *out, long n)
{
	long	 pad = n - (long)(sizeof(HELLO_PAD_HEAD) - 1) - (long)(sizeof(HELLO_PAD_TAIL) - 1);

	FCGX_FPrintF(out, "Status: 200 OK\r\nContent-Type: application/json\r\n"
	    "Content-Length: %ld\r\n\r\n" HELLO_PAD_HEAD, n);
	FCGX_PutStr(hello_pad, (int)pad, out);
	FCGX_PutS(HELLO_PAD_TAIL, out);
}

/* The n of a query "bytes=n" when it is 64..HELLO_MAX_BODY, else 0. */
static long
hello_bytes(const char *query)
{
	char	*end;
	long	 n;

	if (query == NULL || strncmp(query, "bytes=", 6) != 0)
		return 0;
	errno = 0;
	n = strtol(query + 6, &end, 10);
	if (errno != 0 || *end != '\0' || n < 64 || n > HELLO_MAX_BODY)
		return 0;
	return n;
}

static volatile sig_atomic_t hello_stop;	/* set by the parent's SIGTERM/SIGINT handler */

static void
hello_on_signal(int sig)
{
	(void)sig;
	hello_stop = 1;
}

/*
 * Accepts and answers requests on the shared socket until killed. Never returns.
 */
static void
hello_worker(int fd)
{
	FCGX_Request	 req;	/* reused for every request */
	long		 n;	/* bytes=n of the query, or 0 */

	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	if (FCGX_InitRequest(&req, fd, 0) != 0) {
		fprintf(stderr, "hello-fcgi: FCGX_InitRequest failed\n");
		_exit(1);
	}
	while (FCGX_Accept_r(&req) >= 0) {
		/* Drain any body so the connection stays in step. */
		while (FCGX_GetChar(req.in) != EOF)
			continue;
		if ((n = hello_bytes(FCGX_GetParam("QUERY_STRING", req.envp))) > 0)
			hello_sized(req.out, n);
		else
			FCGX_PutStr(hello_response, (int)sizeof(hello_response) - 1, req.out);
		FCGX_Finish_r(&req);
	}
	_exit(0);
}

int
main(int argc, char *argv[])
{
	struct sigaction sa;			/* parent's stop handler */
	sigset_t	 block, old;		/* stop signals, blocked outside sigsuspend */
	pid_t		 pids[HELLO_MAX_WORKERS];	/* live workers */
	const char	*path;			/* socket path */
	long		 n = 2;			/* number of workers */
	char		*end;			/* strtol end */
	int		 fd, i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: hello-fcgi SOCKETPATH [WORKERS]\n");
		return 2;
	}
	path = argv[1];
	if (argc == 3) {
		errno = 0;
		n = strtol(argv[2], &end, 10);
		if (errno != 0 || *end != '\0' || n < 1 || n > HELLO_MAX_WORKERS) {
			fprintf(stderr, "hello-fcgi: WORKERS must be 1..%d\n", HELLO_MAX_WORKERS);
			return 2;
		}
	}
	memset(hello_pad, 'x', sizeof(hello_pad));
	if (FCGX_Init() != 0) {
		fprintf(stderr, "hello-fcgi: FCGX_Init failed\n");
		return 1;
	}
	(void)unlink(path);
	umask(0077);
	if ((fd = FCGX_OpenSocket(path, 128)) < 0) {
		fprintf(stderr, "hello-fcgi: cannot listen on %s\n", path);
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = hello_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);

	for (i = 0; i < n; i++) {
		if ((pids[i] = fork()) == -1) {
			perror("hello-fcgi: fork");
			n = i;
			hello_stop = 1;
			break;
		}
		if (pids[i] == 0) {
			sigprocmask(SIG_SETMASK, &old, NULL);
			hello_worker(fd);
		}
	}
	fprintf(stderr, "hello-fcgi: %ld workers on %s\n", n, path);

	/* Wait for a stop signal; a worker that dies is not replaced (a benchmark should notice). */
	while (!hello_stop)
		sigsuspend(&old);

	for (i = 0; i < n; i++)
		kill(pids[i], SIGTERM);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	(void)unlink(path);
	return 0;
}
