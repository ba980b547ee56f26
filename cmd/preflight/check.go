package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"

	"github.com/idpreflight/idpreflight/preflight"
)

// checkFlags are the flags of `preflight check`.
type checkFlags struct {
	side, docType, device, format string
	jobs                          int
	sorted                        bool
	resume, output, shard         string
	maxMemMiB                     int
	progress                      string
	summary                       bool
}

func parseCheckFlags(args []string, stderr io.Writer) (*checkFlags, []string, error) {
	f := &checkFlags{}
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&f.side, "side", "front", "side submitted: front or back")
	fl.StringVar(&f.docType, "type", "identification_card", "document type: identification_card or passport")
	fl.StringVar(&f.device, "device", "DESKTOP", "device profile: IOS, ANDROID or DESKTOP")
	fl.StringVar(&f.format, "format", "text", "output: text, json, ndjson or csv")
	fl.IntVar(&f.jobs, "jobs", runtime.NumCPU(), "files checked at once")
	fl.BoolVar(&f.sorted, "sort", true, "print in input order; --sort=false streams in completion order")
	fl.StringVar(&f.resume, "resume", "", "NDJSON file: skip the files it records and append the new records to it")
	fl.StringVar(&f.output, "o", "", "write the output to this file instead of stdout")
	fl.StringVar(&f.shard, "shard", "", "k/n: check only the k-th of n deterministic parts of the inputs")
	fl.IntVar(&f.maxMemMiB, "max-memory", 2048, "MiB of decoded pixels in flight across jobs")
	fl.StringVar(&f.progress, "progress", "auto", "progress bar on stderr: auto (when a terminal), always, never")
	fl.BoolVar(&f.summary, "summary", false, "print counts per code and throughput on stderr (always with several inputs)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: preflight check [flags] PATH...   (files, folders, globs, .zip/.tar/.tar.gz archives, or - for stdin)")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return nil, nil, &exitError{code: exitUsage}
	}
	switch {
	case !slices.Contains(formats, f.format):
		return nil, nil, usageErr("--format %q: want text, json, ndjson or csv", f.format)
	case f.jobs < 1:
		return nil, nil, usageErr("--jobs must be at least 1")
	case f.maxMemMiB < 64:
		return nil, nil, usageErr("--max-memory must be at least 64 (MiB)")
	case f.resume != "" && f.format != "ndjson":
		return nil, nil, usageErr("--resume needs --format ndjson")
	case f.resume != "" && f.output != "":
		return nil, nil, usageErr("--resume writes to its own file; drop -o")
	case !slices.Contains(progressModes, f.progress):
		return nil, nil, usageErr("--progress %q: want auto, always or never", f.progress)
	case fl.NArg() == 0:
		fl.Usage()
		return nil, nil, &exitError{code: exitUsage}
	}
	return f, fl.Args(), nil
}

func (f *checkFlags) options() ([]preflight.Option, error) {
	s, err := preflight.ParseSide(f.side)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	t, err := preflight.ParseDocumentType(f.docType)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	d, err := preflight.ParseDevice(f.device)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	return []preflight.Option{preflight.WithSide(s), preflight.WithDocumentType(t), preflight.WithDevice(d)}, nil
}

// runCheck is the batch validator: it streams inputs through a worker
// pool and prints one record per input.
func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	f, paths, err := parseCheckFlags(args, stderr)
	if err != nil {
		return err
	}
	opts, err := f.options()
	if err != nil {
		return err
	}
	sh, err := parseShard(f.shard)
	if err != nil {
		return usageErr("%v", err)
	}
	out := stdout
	sum := newSummary()
	done := map[string]bool{}
	switch {
	case f.resume != "":
		var rf *os.File
		if done, rf, err = openResume(f.resume); err != nil {
			return usageErr("--resume: %v", err)
		}
		defer rf.Close()
		out = rf
	case f.output != "":
		of, err := os.Create(f.output)
		if err != nil {
			return usageErr("-o: %v", err)
		}
		defer of.Close()
		out = of
	}
	srcs, listErrs := expandArgs(paths)
	readErrors := len(listErrs)
	for _, e := range listErrs {
		fmt.Fprintln(stderr, "preflight:", e)
	}
	keep := func(name string) bool {
		if !sh.has(name) {
			return false
		}
		if done[name] {
			sum.skipped++
			return false
		}
		return true
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	items := make(chan item)
	results := make(chan checkResult)
	go enumerate(ctx, srcs, stdin, keep, items)
	p := &pool{jobs: f.jobs, budget: int64(f.maxMemMiB) << 20, opts: opts}
	go p.run(ctx, items, results)

	bar := newProgress(f.progress, stderr, -1, "checking")
	pr := newPrinter(f.format, out)
	rejected := false
	var printErr error
	emit := func(r checkResult) {
		if r.err != nil {
			readErrors++
			fmt.Fprintf(stderr, "%s: %v\n", r.file, r.err)
		} else if !r.rep.Valid {
			rejected = true
		}
		sum.add(r)
		bar.add()
		if err := pr.print(r); err != nil && printErr == nil {
			printErr = err
			cancel()
		}
	}
	if f.sorted {
		reorder(results, emit)
	} else {
		for r := range results {
			emit(r)
		}
	}
	bar.finish()
	if printErr != nil {
		return printErr
	}
	if err := pr.close(); err != nil {
		return err
	}
	if f.summary || sum.valid+sum.rejected+sum.errors > 1 || sum.skipped > 0 {
		sum.write(stderr)
	}
	switch {
	case readErrors > 0:
		return &exitError{code: exitUsage}
	case rejected:
		return &exitError{code: exitRejected}
	}
	return nil
}

// reorder emits results in input order, holding back only those that
// finish before an earlier one.
func reorder(results <-chan checkResult, emit func(checkResult)) {
	next := 0
	held := map[int]checkResult{}
	for r := range results {
		held[r.seq] = r
		for {
			h, ok := held[next]
			if !ok {
				break
			}
			delete(held, next)
			emit(h)
			next++
		}
	}
}
