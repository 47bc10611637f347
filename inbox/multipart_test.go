package inbox

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/emersion/go-message/textproto"
)

// splitterBodies are multipart bodies with boundary "b" that the splitter
// must read as textproto.MultipartReader does.
var splitterBodies = []string{
	"--b\r\nA: 1\r\n\r\nx\r\n--b\r\n\r\ny\r\n--b--\r\n",
	"pre\r\n--b\r\n\r\n--b\r\nA: 2\r\n\r\nz--b\r\n--b-- \r\nepi",
	"--b\n\nlf\n--b\nA: 1\n\nmore\r\n--b--\n",
	"--b\r\n\r\n--bx\r\n--b\r\n\r\nlast\r\n--b",
	"--b\r\n\r\ntruncated\r\n--",
	"--b\r\n\r\ntruncated\r\n--b",
	"--b\r\n\r\n--",
	"--b\r\nBad header\r\n\r\nx\r\n--b--",
	"--b\r\n \r\nx",
	"--b\r\n\r\na\r\n--b\r\nB: 1\r\n",
	"--b\r\n\r\na\r\n--b\r\n\r\nb\r\n--b\r\nstray\r\n",
	"--b \t\r\n\r\npadded\r\n--b\t\r\n\r\nagain\r\n--b-- \t\r\n",
	"--b\r\n\r\n--b x\r\n",
	"--b\r\n\r\none\r\n--b-x\r\n",
	"--b\r\n\r\none\r\n\r\n--b\r\n",
	"--b\r\n\r\none\n--b\n--b--\r\n",
	"--b\n\none\r\n--b\n--b--",
	"--b--\r\nno parts",
	"no delimiter at all\r\n",
	"",
	strings.Repeat("x", 5000) + "\r\n--b\r\n\r\nlong preamble\r\n--b--",
	strings.Repeat("x", 4095) + "\n--b\r\n\r\njust short enough\r\n--b--",
	strings.Repeat("x", 4096) + "\n--b\r\n\r\none byte too long\r\n--b--",
	"--b\r\n\r\n" + strings.Repeat("y", 9000) + "\r\n--b--",
	"--b\r\n\r\n" + strings.Repeat("y", 9000) + "\r\n--b\r\n" + strings.Repeat("z", 5000) + "\r\n--b--",
	"--b\r\n\r\nx\r\n--b\r\n\r\n" + strings.Repeat("w", 5000),
}

// readerParts lists the parts MultipartReader finds in body and how it
// stops.
func readerParts(body, boundary string) []string {
	var out []string
	mr := textproto.NewMultipartReader(strings.NewReader(body), boundary)
	for {
		p, err := mr.NextPart()
		if err != nil {
			return append(out, "error: "+err.Error())
		}
		var data bytes.Buffer
		_, rerr := data.ReadFrom(p)
		out = append(out, fmt.Sprintf("%q|%q", p.Header.Map(), data.String()))
		if rerr != nil {
			return append(out, "truncated")
		}
	}
}

// splitterParts is readerParts done by partReader.
func splitterParts(body, boundary string) []string {
	var out []string
	r := newPartReader([]byte(body), boundary)
	for {
		h, data, truncated, err := r.next()
		if err != nil {
			return append(out, "error: "+err.Error())
		}
		out = append(out, fmt.Sprintf("%q|%q", h.Map(), data))
		if truncated {
			return append(out, "truncated")
		}
	}
}

// The splitter must cut parts exactly where textproto.MultipartReader does
// and fail with its errors, which Parse puts into its notes.
func TestPartSplitterAgreesWithMultipartReader(t *testing.T) {
	for _, body := range splitterBodies {
		got, want := splitterParts(body, "b"), readerParts(body, "b")
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
			t.Errorf("%.60q:\n got %q\nwant %q", body, got, want)
		}
	}
}

func FuzzPartSplitter(f *testing.F) {
	for _, body := range splitterBodies {
		f.Add(body, "b")
	}
	f.Add("--a\rb\r\n\r\nx\r\n--a\rb--", "a\rb")
	f.Fuzz(func(t *testing.T, body, boundary string) {
		if boundary == "" || len(boundary) > maxBoundary {
			return // Parse does not split these
		}
		got, want := splitterParts(body, boundary), readerParts(body, boundary)
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
			t.Errorf("%.60q with %q:\n got %q\nwant %q", body, boundary, got, want)
		}
	})
}
