// Command preflight checks ID-document photos against the OCR endpoint's
// rejection codes before upload, evaluates the checker on labelled sets,
// and recompresses photos under the upload limit.
//
//	preflight check [flags] PATH...      check files, folders or - (stdin)
//	preflight compress IN [-o OUT]       recompress a photo under the 2 MB limit
//	preflight eval --labels labels.json  score the checker on a labelled set
//	preflight submit --type T --front F  check, then send to the OCR endpoint
//	preflight serve [--addr 127.0.0.1:8080]  capture page + local JSON API
//	preflight version                    engine and build information
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// exitError carries a process exit code through run's error return.
type exitError struct {
	code int
	err  error // nil: nothing more to print
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// Exit codes.
const (
	exitOK       = 0 // every input valid
	exitRejected = 1 // at least one input would be rejected
	exitUsage    = 2 // usage or read error
)

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "preflight:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "preflight:", err)
	return exitUsage
}

func usageErr(format string, a ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, a...)}
}

const usage = `usage: preflight <command> [flags] [args]

commands:
  check     check photos (files, folders, -) against the endpoint's codes
  compress  recompress a photo under the upload limit (IN or -, -o OUT)
  eval      score the checker on a labelled set (labels.json)
  submit    check, then send a document to the OCR endpoint ($IDPREFLIGHT_TOKEN)
  serve     serve the capture page and a local JSON API (127.0.0.1:8080)
  version   print the engine and build information

Run 'preflight <command> -h' for the flags of a command.
`

// run is the whole program; main only maps its error to an exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return &exitError{code: exitUsage}
	}
	switch args[0] {
	case "check":
		return runCheck(args[1:], stdin, stdout, stderr)
	case "compress":
		return runCompress(args[1:], stdin, stdout, stderr)
	case "eval":
		return runEval(args[1:], stdout, stderr)
	case "submit":
		return runSubmit(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		return runVersion(stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageErr("unknown command %q", args[0])
}
