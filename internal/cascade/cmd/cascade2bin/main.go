// Command cascade2bin converts an OpenCV LBP cascade XML file into the
// compact binary form that package cascade embeds (see
// cascade.MarshalBinary): `cascade2bin -o OUT.bin IN.xml`.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/idpreflight/idpreflight/internal/cascade"
)

func main() {
	out := flag.String("o", "", "output file")
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: cascade2bin -o OUT.bin IN.xml")
		os.Exit(2)
	}
	if err := convert(flag.Arg(0), *out); err != nil {
		fmt.Fprintln(os.Stderr, "cascade2bin:", err)
		os.Exit(1)
	}
}

func convert(in, out string) error {
	xml, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	c, err := cascade.Parse(xml)
	if err != nil {
		return err
	}
	bin, err := c.MarshalBinary()
	if err != nil {
		return err
	}
	return os.WriteFile(out, bin, 0o644)
}
