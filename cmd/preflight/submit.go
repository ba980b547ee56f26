package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/idpreflight/idpreflight/preflight"
	"github.com/idpreflight/idpreflight/preflight/ocr"
)

// tokenEnv is where submit reads the JWT; a flag would leak it into
// shell history and process lists.
const tokenEnv = "IDPREFLIGHT_TOKEN"

func runSubmit(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("submit", flag.ContinueOnError)
	fl.SetOutput(stderr)
	docType := fl.String("type", "", "document type: identification_card or passport (required)")
	front := fl.String("front", "", "front side JPEG (required)")
	back := fl.String("back", "", "back side JPEG (identification_card only)")
	device := fl.String("device", "", "device: IOS, ANDROID or DESKTOP")
	docID := fl.String("document-id", "", "passport code (optional)")
	returnID := fl.Bool("return-id", false, "ask the endpoint for the record id")
	url := fl.String("url", os.Getenv("IDPREFLIGHT_URL"), "endpoint base URL (before api/v3/ocr/); default $IDPREFLIGHT_URL")
	refreshCmd := fl.String("token-command", "", "shell command printing a fresh token, run when the endpoint answers 401")
	force := fl.Bool("force", false, "send even if the pre-flight checks predict a rejection")
	compress := fl.Bool("compress", true, "recompress a side over 2 MB (or not a JPEG) to fit; --compress=false refuses it")
	timeout := fl.Duration("timeout", 2*time.Minute, "give up after this long")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: preflight submit --type TYPE --front F [--back B] [flags]\nThe JWT is read from $%s.\n", tokenEnv)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return &exitError{code: exitUsage}
	}
	if *docType == "" || *front == "" || fl.NArg() > 0 {
		fl.Usage()
		return &exitError{code: exitUsage}
	}
	if *url == "" {
		return usageErr("submit needs --url or $IDPREFLIGHT_URL")
	}
	dt, err := preflight.ParseDocumentType(*docType)
	if err != nil {
		return usageErr("%v", err)
	}
	req := ocr.Request{DocumentType: dt.String(), DocumentID: *docID, ReturnID: *returnID, Device: strings.ToUpper(*device)}
	if req.Front, err = os.ReadFile(*front); err != nil {
		return usageErr("%v", err)
	}
	if *back != "" {
		if req.Back, err = os.ReadFile(*back); err != nil {
			return usageErr("%v", err)
		}
	}
	if *compress {
		for _, side := range []*[]byte{&req.Front, &req.Back} {
			if err := fitUpload(side, stderr); err != nil {
				return err
			}
		}
	}
	if err := req.Validate(); err != nil {
		return usageErr("%v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if !*force {
		if err := preflightBeforeSubmit(ctx, req, stderr); err != nil {
			return err
		}
	}
	client, err := ocr.NewClient(*url, envTokens(*refreshCmd))
	if err != nil {
		return usageErr("%v", err)
	}
	res, err := client.Submit(ctx, req)
	var rej *ocr.RejectedError
	switch {
	case errors.As(err, &rej):
		fmt.Fprintf(stderr, "rejected by the endpoint: %d %s\n", rej.Code, rej.Message)
		json.NewEncoder(stdout).Encode(map[string]any{"valid": false, "error_code": rej.Code, "error": rej.Message, "id": rej.ID})
		return &exitError{code: exitRejected}
	case err != nil:
		return &exitError{code: exitUsage, err: err}
	}
	_, err = stdout.Write(append(res.Raw, '\n'))
	return err
}

// fitUpload recompresses an image that is over the upload limit or not a
// JPEG; a compliant JPEG is left byte-identical.
func fitUpload(data *[]byte, stderr io.Writer) error {
	b := *data
	if len(b) == 0 || (len(b) <= ocr.MaxImageBytes && len(b) > 2 && b[0] == 0xFF && b[1] == 0xD8) {
		return nil
	}
	out, info, err := preflight.Recompress(b, preflight.MaxBytes(ocr.MaxImageBytes))
	if err != nil {
		return usageErr("recompressing: %v", err)
	}
	fmt.Fprintf(stderr, "recompressed %d → %d bytes (quality %d, scale %.2f)\n", info.InputBytes, info.OutputBytes, info.Quality, info.Scale)
	*data = out
	return nil
}

// preflightBeforeSubmit runs the local checks on each side and refuses to
// send a photo the endpoint would reject.
func preflightBeforeSubmit(ctx context.Context, req ocr.Request, stderr io.Writer) error {
	dt, _ := preflight.ParseDocumentType(req.DocumentType)
	dev, err := preflight.ParseDevice(req.Device)
	if err != nil {
		return usageErr("%v", err)
	}
	sides := []struct {
		side preflight.Side
		data []byte
	}{{preflight.Front, req.Front}, {preflight.Back, req.Back}}
	rejected := false
	for _, s := range sides {
		if len(s.data) == 0 {
			continue
		}
		rep, err := preflight.Check(ctx, s.data, preflight.WithSide(s.side), preflight.WithDocumentType(dt), preflight.WithDevice(dev))
		if err != nil {
			return usageErr("%s side: %v", s.side, err)
		}
		if !rep.Valid {
			rejected = true
			for _, is := range rep.Issues {
				if is.Severity == preflight.Fail {
					fmt.Fprintf(stderr, "%s side: %d %s (%s)\n", s.side, is.Code, is.Message, is.Detail)
				}
			}
		}
	}
	if rejected {
		fmt.Fprintln(stderr, "not sent: the endpoint would reject it (use --force to send anyway)")
		return &exitError{code: exitRejected}
	}
	return nil
}

// envTokens reads the token from the environment and, when the endpoint
// refuses it, runs the refresh command if one was given.
func envTokens(refreshCmd string) ocr.TokenSource {
	return ocr.TokenFunc(func(ctx context.Context, refresh bool) (string, error) {
		if !refresh {
			t := strings.TrimSpace(os.Getenv(tokenEnv))
			if t == "" {
				return "", fmt.Errorf("$%s is empty", tokenEnv)
			}
			return t, nil
		}
		if refreshCmd == "" {
			return "", fmt.Errorf("token expired; set --token-command to refresh it")
		}
		out, err := exec.CommandContext(ctx, "sh", "-c", refreshCmd).Output()
		if err != nil {
			return "", fmt.Errorf("--token-command failed: %v", err)
		}
		return strings.TrimSpace(string(out)), nil
	})
}
