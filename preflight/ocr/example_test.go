package ocr_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/idpreflight/idpreflight/preflight/ocr"
	"github.com/idpreflight/idpreflight/preflight/ocr/ocrtest"
)

// The endpoint's rejection comes back as a typed error with its code.
func ExampleClient_Submit() {
	srv := ocrtest.NewServer("my-jwt") // a fake endpoint for the example
	defer srv.Close()
	srv.Enqueue(ocrtest.Answer{Status: 400, Body: `{"valid": false, "error_code": 826, "error": "The document is too blurry.", "id": 1}`})

	c, err := ocr.NewClient(srv.URL, ocr.StaticToken("my-jwt"))
	if err != nil {
		fmt.Println(err)
		return
	}
	front := []byte{0xFF, 0xD8, 0xFF, 0xE0} // a JPEG's bytes
	_, err = c.Submit(context.Background(), ocr.Request{DocumentType: ocr.Passport, Front: front})
	var rej *ocr.RejectedError
	if errors.As(err, &rej) {
		fmt.Println(rej.Code, rej.Message)
	}
	// Output: 826 The document is too blurry.
}
