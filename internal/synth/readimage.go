package synth

import (
	"fmt"
	"image"
	_ "image/jpeg" // decoders for the fixture formats
	_ "image/png"
	"os"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// ReadImage decodes an image file (JPEG or PNG), such as the public-domain
// portrait in testdata/ that tests paste into a document's portrait box.
func ReadImage(path string) (*vision.RGB, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("synth: %s: %w", path, err)
	}
	return vision.FromImage(img), nil
}
