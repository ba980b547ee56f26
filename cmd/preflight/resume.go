package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// openResume reads the names already recorded in an NDJSON output and
// returns the file opened for appending. A partial last line (the process
// was killed mid-write) is cut off first, so nothing recorded is lost and
// nothing recorded is checked again.
func openResume(path string) (done map[string]bool, f *os.File, err error) {
	f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, err
	}
	done = map[string]bool{}
	var good int64 // bytes up to the end of the last complete record
	lines := 0
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			break // line (if any) is partial
		}
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		var rec struct {
			File string `json:"file"`
		}
		if json.Unmarshal(bytes.TrimSpace(line), &rec) != nil || rec.File == "" {
			f.Close()
			return nil, nil, fmt.Errorf("%s: line %d is not a preflight NDJSON record", path, lines+1)
		}
		done[rec.File] = true
		lines++
		good += int64(len(line))
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, nil, err
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, err
	}
	return done, f, nil
}
