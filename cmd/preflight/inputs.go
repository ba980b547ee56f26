package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// imageExts are the file endings picked up in folders and archives.
var imageExts = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".webp": true, ".tif": true,
	".tiff": true, ".bmp": true, ".gif": true, ".heic": true, ".heif": true,
}

func isImageName(name string) bool { return imageExts[strings.ToLower(filepath.Ext(name))] }

// maxMemberBytes bounds one file read from an archive or stdin: a photo
// larger than this is not a phone photo, and a zip bomb must not fill memory.
const maxMemberBytes = 256 << 20

// item is one image to check. Archive members are named "ARCHIVE:MEMBER".
type item struct {
	seq  int    // position in input order
	name string // what the output calls it
	read func() ([]byte, error)
	err  error // the input could not be listed or read
}

// source is one command-line argument, expanded.
type source struct {
	arg  string
	kind string // "file", "dir", "zip", "tar", "stdin"
}

// archiveKind names the archive type from the file name.
func archiveKind(name string) string {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".zip"):
		return "zip"
	case strings.HasSuffix(n, ".tar"), strings.HasSuffix(n, ".tar.gz"), strings.HasSuffix(n, ".tgz"):
		return "tar"
	}
	return ""
}

// expandArgs turns arguments into sources: "-" is stdin, patterns with
// glob characters are expanded (for shells that pass them quoted), folders
// and archives are recognised. Missing paths become errors, not aborts.
func expandArgs(args []string) (srcs []source, errs []error) {
	for _, a := range args {
		if a == "-" {
			srcs = append(srcs, source{arg: a, kind: "stdin"})
			continue
		}
		paths := []string{a}
		if strings.ContainsAny(a, "*?[") {
			m, err := filepath.Glob(a)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %v", a, err))
				continue
			}
			if len(m) == 0 {
				errs = append(errs, fmt.Errorf("%s: no file matches", a))
			}
			paths = m
		}
		for _, p := range paths {
			st, err := os.Stat(p)
			switch {
			case err != nil:
				errs = append(errs, err)
			case st.IsDir():
				srcs = append(srcs, source{arg: p, kind: "dir"})
			case archiveKind(p) != "":
				srcs = append(srcs, source{arg: p, kind: archiveKind(p)})
			default:
				srcs = append(srcs, source{arg: p, kind: "file"})
			}
		}
	}
	return srcs, errs
}

// enumerate sends every item of the sources in a stable order: folders
// walked in lexical order, archive members in archive order. keep decides
// (by name) whether an item is wanted (shards, resume); unwanted tar
// members are skipped without being read. The channel closes at the end.
func enumerate(ctx context.Context, srcs []source, stdin io.Reader, keep func(string) bool, out chan<- item) {
	defer close(out)
	seq := 0
	send := func(it item) bool {
		if !keep(it.name) {
			return true
		}
		it.seq = seq
		seq++
		select {
		case out <- it:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for _, s := range srcs {
		var ok bool
		switch s.kind {
		case "stdin":
			ok = send(item{name: "-", read: func() ([]byte, error) { return readLimited(stdin) }})
		case "file":
			p := s.arg
			ok = send(item{name: p, read: func() ([]byte, error) { return os.ReadFile(p) }})
		case "dir":
			ok = walkDir(s.arg, send)
		case "zip":
			ok = walkZip(s.arg, send)
		case "tar":
			ok = walkTar(s.arg, keep, send)
		}
		if !ok {
			return
		}
	}
}

func walkDir(root string, send func(item) bool) bool {
	var files []string
	var errs []item
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, item{name: p, err: err})
			return nil
		}
		if !d.IsDir() && isImageName(p) {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	for _, it := range errs {
		if !send(it) {
			return false
		}
	}
	for _, p := range files {
		if !send(item{name: p, read: func() ([]byte, error) { return os.ReadFile(p) }}) {
			return false
		}
	}
	return true
}

// walkZip lists a zip's image members; each is read lazily by a worker
// (zip allows random access), through a size limit against zip bombs.
func walkZip(path string, send func(item) bool) bool {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return send(item{name: path, err: fmt.Errorf("zip: %w", err)})
	}
	// The reader stays open until the process ends: workers read members
	// after enumeration has moved on, and a batch opens few archives.
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !isImageName(f.Name) {
			continue
		}
		f := f
		read := func() ([]byte, error) {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return readLimited(rc)
		}
		if !send(item{name: path + ":" + f.Name, read: read}) {
			return false
		}
	}
	return true
}

// walkTar reads a tar (optionally gzipped) sequentially: members must be
// read in order, so the bytes are read here and handed over.
func walkTar(path string, keep func(string) bool, send func(item) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return send(item{name: path, err: err})
	}
	defer f.Close()
	var r io.Reader = f
	if n := strings.ToLower(path); strings.HasSuffix(n, ".gz") || strings.HasSuffix(n, ".tgz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return send(item{name: path, err: fmt.Errorf("gzip: %w", err)})
		}
		defer gz.Close()
		r = gz
	}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return send(item{name: path, err: fmt.Errorf("tar: %w", err)})
		}
		if h.Typeflag != tar.TypeReg || !isImageName(h.Name) {
			continue
		}
		name := path + ":" + h.Name
		if !keep(name) {
			continue // tr.Next skips the member's bytes without buffering them
		}
		data, err := readLimited(tr)
		if !send(item{name: name, read: func() ([]byte, error) { return data, err }}) {
			return false
		}
	}
}

func readLimited(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxMemberBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxMemberBytes {
		return nil, fmt.Errorf("larger than %d bytes", maxMemberBytes)
	}
	return b, nil
}
