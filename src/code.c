/*
 * code.c: front end: source code and configuration, shown as a pager
 * shows them. Plain text's rules would set a shell script's comment as
 * a heading ("# set a prompt"), a C comment's line as a list item
 * (" * the end") and a statement as prose joined to the next; here every
 * block is kept lines (parse_block), every line verbatim, as it is, with
 * its tabs (builder.c), and no blank row is shown that is not in the
 * text (layout.c). The text is the input's own bytes, as plain text's.
 *
 * Told by a first line "#!", by the file's name (an extension of code or
 * configuration, a name such as Makefile, a run-control file such as
 * .bashrc or bash.bashrc), or by its first CODE_SCAN bytes: of their
 * lines that are neither blank nor a '#' comment, at least CODE_LINES,
 * and at least one in CODE_SHARE, end as code does ('{', '}', '\',
 * "then", "do", "fi", "done", "esac", "else", or ';' after a '(' or
 * '=', or Python's ':' after a keyword or a '('), start as it does
 * ("#include", "//", "import ", "def ", "return ", a C comment's start
 * or end), or hold " = ". Prose does none of these. -T plain reads any
 * of them as plain text.
 */

#include "config.h"

#include <string.h>

#include "lede.h"

#define CODE_SCAN	(16u << 10)	/* bytes looked at, at most */
#define CODE_LINES	5		/* lines of code, at least */
#define CODE_SHARE	3		/* one line in this many, at least */

/* Does the line [s, e) (no blanks at either end) start with the word? */
static int
code_starts(const uint8_t *s, const uint8_t *e, const char *w)
{
	size_t	n = strlen(w);

	return (size_t)(e - s) >= n && memcmp(s, w, n) == 0;
}

/* Does the line [s, e) end with the word w, alone or after a blank? */
static int
code_ends(const uint8_t *s, const uint8_t *e, const char *w)
{
	size_t	n = strlen(w);

	return (size_t)(e - s) >= n && memcmp(e - n, w, n) == 0 &&
	    ((size_t)(e - s) == n || e[-(ptrdiff_t)n - 1] == ' ' ||
	    e[-(ptrdiff_t)n - 1] == '\t' || e[-(ptrdiff_t)n - 1] == ';');
}

/* Is the line [s, e), neither blank nor a comment, a line of code? */
static int
code_line(const uint8_t *s, const uint8_t *e)
{
	static const char *const first[] = { "#include", "#define", "#if",
	    "#endif", "//", "/*", "*/", "import ", "from ", "def ",
	    "return " };
	static const char *const last[] = { "then", "do", "fi", "done",
	    "esac", "else" };
	size_t	i;

	/* A list of prose ends its items with ';': a statement has more. */
	if (e[-1] == ';')
		return memchr(s, '(', (size_t)(e - s)) != NULL ||
		    memchr(s, '=', (size_t)(e - s)) != NULL;
	if (e[-1] != '\0' && strchr("{}\\", e[-1]) != NULL)
		return 1;
	/* Python's blocks: "def f(x):", "else:"; its assignments. */
	if (e[-1] == ':' && (memchr(s, '(', (size_t)(e - s)) != NULL ||
	    code_starts(s, e, "if ") || code_starts(s, e, "elif ") ||
	    code_starts(s, e, "else") || code_starts(s, e, "for ") ||
	    code_starts(s, e, "while ") || code_starts(s, e, "try") ||
	    code_starts(s, e, "except") || code_starts(s, e, "finally") ||
	    code_starts(s, e, "with ") || code_starts(s, e, "class ")))
		return 1;
	for (i = 0; s + i + 2 < e; i++)
		if (s[i] == ' ' && s[i + 1] == '=' && s[i + 2] == ' ')
			return 1;
	for (i = 0; i < sizeof first / sizeof first[0]; i++)
		if (code_starts(s, e, first[i]))
			return 1;
	for (i = 0; i < sizeof last / sizeof last[0]; i++)
		if (code_ends(s, e, last[i]))
			return 1;
	return 0;
}

/* Do the first lines of s read as code (see above)? */
static int
code_lines(const uint8_t *s, size_t len)
{
	const uint8_t	*p = s, *end = s + (len < CODE_SCAN ? len : CODE_SCAN);
	const uint8_t	*e, *q;
	size_t		 code = 0, other = 0;

	for (; p < end; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		for (e = q; e > p && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\r'); e--)
			;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p == e)
			continue;	/* blank */
		if (*p == '#' && (e - p == 1 || p[1] == ' ' || p[1] == '#'))
			continue;	/* a comment, or a heading */
		if (code_line(p, e))
			code++;
		else
			other++;
	}
	return code >= CODE_LINES && CODE_SHARE * code >= code + other;
}

static int
code_detect(const struct source *src)
{
	static const char *const ext[] = {
	    ".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".go", ".rs",
	    ".java", ".kt", ".scala", ".swift", ".cs", ".js", ".mjs", ".ts",
	    ".py", ".pl", ".pm", ".rb", ".php", ".lua", ".tcl", ".el", ".scm",
	    ".lisp", ".hs", ".ml", ".sh", ".bash", ".zsh", ".fish", ".awk",
	    ".sed", ".vim", ".sql", ".css", ".asm", ".mk", ".cmake", ".am",
	    ".ac", ".m4", ".in", ".conf", ".cfg", ".ini", ".toml", ".yaml",
	    ".yml", ".json", ".diff", ".patch", ".service" };
	static const char *const names[] = { "Makefile", "GNUmakefile",
	    "makefile", "Dockerfile", "Kconfig", "CMakeLists.txt" };
	const char	*name = src->path != NULL ? src->path : src->name;
	const char	*base;
	size_t		 i, n;

	if (src->len >= 2 && src->data[0] == '#' && src->data[1] == '!')
		return 1;
	if (name != NULL) {
		base = strrchr(name, '/');
		base = base != NULL ? base + 1 : name;
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strcmp(base, names[i]) == 0)
				return 1;
		if (docbuf_named(src, ext, sizeof ext / sizeof ext[0]))
			return 1;
		/* A run-control file: .bashrc, bash.bashrc, .vimrc. */
		if ((n = strlen(base)) > 3 && strchr(base, '.') != NULL &&
		    strcmp(base + n - 2, "rc") == 0)
			return 1;
	}
	return code_lines(src->data, src->len);
}

static int
code_make(struct doc *doc, char **cause)
{
	(void)cause;
	doc->data = doc->src->data;
	doc->len = doc->src->len;
	doc->lines = 1;
	return 0;
}

const struct docfmt code_format = {
	"code", 1, code_detect, code_make, NULL, NULL
};
