package preflight_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/idpreflight/idpreflight/preflight"
)

// A photo whose document runs past the frame is rejected, and the report
// says so in the endpoint's own words.
func ExampleCheck() {
	data, err := os.ReadFile("../testdata/scenes/cropped.jpg")
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := preflight.Check(context.Background(), data,
		preflight.WithSide(preflight.Front), preflight.WithDocumentType(preflight.IDCard))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Valid, rep.ErrorCode, rep.Error)
	// Output: false 821 The document is cropped, part of the document is not present in the image.
}

// Unreadable input is an error that wraps one of the sentinel errors.
func ExampleCheck_badInput() {
	_, err := preflight.Check(context.Background(), []byte("not a photo"))
	fmt.Println(errors.Is(err, preflight.ErrUnsupportedFormat))
	// Output: true
}
