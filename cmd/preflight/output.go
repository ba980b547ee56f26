package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/idpreflight/idpreflight/preflight"
)

// fileReport is one NDJSON/JSON record: the file plus the Report fields,
// or read_error when the file could not be checked.
type fileReport struct {
	File string `json:"file"`
	*preflight.Report
	Err string `json:"read_error,omitempty"`
}

// printer writes results in one of the output formats.
type printer struct {
	format string
	w      io.Writer
	color  bool
	csv    *csv.Writer
	all    []fileReport // json: collected, written at close
}

var formats = []string{"text", "json", "ndjson", "csv"}

func newPrinter(format string, w io.Writer) *printer {
	p := &printer{format: format, w: w, color: isTerminal(w)}
	if format == "csv" {
		p.csv = csv.NewWriter(w)
		p.csv.Write([]string{"file", "valid", "error_code", "error", "codes", "width", "height", "documents", "area_fraction", "engine", "read_error"})
	}
	return p
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
		// One write per line: a kill leaves at most one partial last line,
		// which --resume discards.
		_, err = p.w.Write(append(b, '\n'))
		return err
	case "json":
		p.all = append(p.all, fr)
		return nil
	case "csv":
		return p.csvRow(r)
	}
	_, err := fmt.Fprintln(p.w, p.textLine(r))
	return err
}

func (p *printer) csvRow(r checkResult) error {
	row := []string{r.file, "", "", "", "", "", "", "", "", "", ""}
	if r.err != nil {
		row[10] = r.err.Error()
	} else {
		rep := r.rep
		var codes []string
		for _, c := range rep.Codes() {
			codes = append(codes, c.String())
		}
		row[1] = strconv.FormatBool(rep.Valid)
		if rep.ErrorCode != 0 {
			row[2], row[3] = rep.ErrorCode.String(), rep.Error
		}
		row[4] = strings.Join(codes, " ")
		row[5], row[6] = strconv.Itoa(rep.Width), strconv.Itoa(rep.Height)
		if rep.Document != nil {
			row[7] = strconv.Itoa(len(rep.Document.Quads))
			row[8] = strconv.FormatFloat(rep.Document.AreaFraction, 'f', 4, 64)
		} else {
			row[7] = "0"
		}
		row[9] = rep.Engine
	}
	if err := p.csv.Write(row); err != nil {
		return err
	}
	p.csv.Flush()
	return p.csv.Error()
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

// isTerminal reports whether w is a terminal (colour and progress allowed;
// NO_COLOR turns colour off).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) && os.Getenv("NO_COLOR") == ""
}
