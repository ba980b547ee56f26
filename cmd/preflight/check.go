package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/idpreflight/idpreflight/preflight"
)

// imageExts are the file endings a folder walk picks up.
var imageExts = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".webp": true, ".tif": true,
	".tiff": true, ".bmp": true, ".gif": true, ".heic": true, ".heif": true,
}

// checkResult is one input's outcome, printed in input order.
type checkResult struct {
	file string
	rep  *preflight.Report
	err  error
}

// fileReport is the NDJSON/JSON line: the file plus the Report fields.
type fileReport struct {
	File string `json:"file"`
	*preflight.Report
	Err string `json:"read_error,omitempty"`
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	side := fl.String("side", "front", "side submitted: front or back")
	docType := fl.String("type", "identification_card", "document type: identification_card or passport")
	device := fl.String("device", "DESKTOP", "device profile: IOS, ANDROID or DESKTOP")
	format := fl.String("format", "text", "output: text, json or ndjson")
	jobs := fl.Int("jobs", runtime.NumCPU(), "files checked at once")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: preflight check [flags] PATH...   (files, folders, or - for stdin)")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return &exitError{code: exitUsage}
	}
	var opts []preflight.Option
	s, err := preflight.ParseSide(*side)
	if err != nil {
		return usageErr("%v", err)
	}
	t, err := preflight.ParseDocumentType(*docType)
	if err != nil {
		return usageErr("%v", err)
	}
	d, err := preflight.ParseDevice(*device)
	if err != nil {
		return usageErr("%v", err)
	}
	opts = append(opts, preflight.WithSide(s), preflight.WithDocumentType(t), preflight.WithDevice(d))
	if *format != "text" && *format != "json" && *format != "ndjson" {
		return usageErr("--format %q: want text, json or ndjson", *format)
	}
	if *jobs < 1 {
		return usageErr("--jobs must be at least 1")
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return &exitError{code: exitUsage}
	}
	files, walkErrs := expandPaths(fl.Args())

	readErrors := len(walkErrs)
	for _, e := range walkErrs {
		fmt.Fprintln(stderr, "preflight:", e)
	}
	results := checkAll(context.Background(), files, stdin, *jobs, opts)
	out := newPrinter(*format, stdout)
	rejected := false
	for r := range results {
		if r.err != nil {
			readErrors++
			fmt.Fprintf(stderr, "preflight: %s: %v\n", r.file, r.err)
		} else if !r.rep.Valid {
			rejected = true
		}
		if err := out.print(r); err != nil {
			return err
		}
	}
	if err := out.close(); err != nil {
		return err
	}
	switch {
	case readErrors > 0:
		return &exitError{code: exitUsage}
	case rejected:
		return &exitError{code: exitRejected}
	}
	return nil
}

// expandPaths turns arguments into files: folders are walked recursively
// for image files in lexical order; "-" stays as stdin.
func expandPaths(args []string) (files []string, errs []error) {
	for _, a := range args {
		if a == "-" {
			files = append(files, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			if !d.IsDir() && imageExts[strings.ToLower(filepath.Ext(p))] {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, errs
}

// checkAll checks files with a pool of workers and yields the results in
// input order, so output is deterministic whatever the scheduling.
func checkAll(ctx context.Context, files []string, stdin io.Reader, jobs int, opts []preflight.Option) <-chan checkResult {
	out := make(chan checkResult)
	slots := make([]chan checkResult, len(files))
	for i := range slots {
		slots[i] = make(chan checkResult, 1)
	}
	idx := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				slots[i] <- checkOne(ctx, files[i], stdin, opts)
			}
		}()
	}
	go func() {
		for i := range files {
			idx <- i
		}
		close(idx)
		wg.Wait()
	}()
	go func() {
		defer close(out)
		for _, s := range slots {
			out <- <-s
		}
	}()
	return out
}

func checkOne(ctx context.Context, file string, stdin io.Reader, opts []preflight.Option) checkResult {
	var data []byte
	var err error
	if file == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(file)
	}
	if err != nil {
		return checkResult{file: file, err: err}
	}
	rep, err := preflight.Check(ctx, data, opts...)
	return checkResult{file: file, rep: rep, err: err}
}

// printer writes results in one of the output formats.
type printer struct {
	format string
	w      io.Writer
	color  bool
	all    []fileReport // json: collected, written at close
}

func newPrinter(format string, w io.Writer) *printer {
	return &printer{format: format, w: w, color: isTerminal(w)}
}

func (p *printer) print(r checkResult) error {
	fr := fileReport{File: r.file, Report: r.rep}
	if r.err != nil {
		fr.Err = r.err.Error()
	}
	switch p.format {
	case "ndjson":
		b, err := json.Marshal(fr)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(p.w, "%s\n", b)
		return err
	case "json":
		p.all = append(p.all, fr)
		return nil
	}
	_, err := fmt.Fprintln(p.w, p.textLine(r))
	return err
}

func (p *printer) close() error {
	if p.format != "json" {
		return nil
	}
	enc := json.NewEncoder(p.w)
	enc.SetIndent("", "  ")
	if p.all == nil {
		p.all = []fileReport{}
	}
	return enc.Encode(p.all)
}

// textLine is one readable line per file: verdict, then the failing codes.
func (p *printer) textLine(r checkResult) string {
	paint := func(code, s string) string {
		if !p.color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	if r.err != nil {
		return fmt.Sprintf("%s  %s  %v", paint("33", "ERROR "), r.file, r.err)
	}
	if r.rep.Valid {
		warn := ""
		for _, is := range r.rep.Issues {
			warn += fmt.Sprintf(" (warn %d: %s)", is.Code, is.Detail)
		}
		return fmt.Sprintf("%s  %s%s", paint("32", "VALID "), r.file, warn)
	}
	var parts []string
	for _, is := range r.rep.Issues {
		if is.Severity == preflight.Fail {
			parts = append(parts, fmt.Sprintf("%d %s", is.Code, is.Message))
		}
	}
	return fmt.Sprintf("%s  %s  %s", paint("31", "REJECT"), r.file, strings.Join(parts, "; "))
}

// isTerminal reports whether w is a character device (colour allowed).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("NO_COLOR") == ""
}
