package inbox

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"
)

// checkBase64Paths fails t when a fast path differs from lenientBase64 on in.
func checkBase64Paths(t *testing.T, in []byte) {
	t.Helper()
	want, wantBad := lenientBase64(in)
	got, gotBad := decodeBase64(in)
	if !bytes.Equal(got, want) || gotBad != wantBad {
		t.Fatalf("decodeBase64(%q) = %q, %v; lenientBase64 gives %q, %v", in, got, gotBad, want, wantBad)
	}
	if cap(got) != cap(want) {
		t.Fatalf("decodeBase64(%q): capacity %d, lenientBase64's %d", in, cap(got), cap(want))
	}
	if n, bad := base64DecodedLen(in); n != len(want) || bad != wantBad {
		t.Fatalf("base64DecodedLen(%q) = %d, %v; lenientBase64 gives %d bytes, %v", in, n, bad, len(want), wantBad)
	}
}

// base64Inputs returns inputs of every shape mail brings: valid base64 with
// and without line breaks, padding in the middle, URL-safe digits, white
// space, garbage and truncation.
func base64Inputs() [][]byte {
	ins := [][]byte{nil, {}, []byte("="), []byte("=="), []byte("\r\n"), []byte("A"), []byte("AB"), []byte("ABC"),
		[]byte("ABCD"), []byte("SGVp"), []byte("SGVpIQ=="), []byte("SGVpIQ"), []byte("SGVp\r\n IQ=="),
		[]byte("SGVp==SGVp"), []byte("S=G=V=p"), []byte("SGV=pIQ"), []byte("-_-_"), []byte("+/+/"),
		[]byte("SGVp!IQ=="), []byte("\x00\xff\x80"), []byte("SGVpIQ==\r\n\r\n"), []byte("SGVp\tIQ\v=="),
		[]byte("ä€SGVp"), []byte("SGVpIQ=\r\n="), []byte("SGVpIQ==SGVpIQ=="), []byte("QUJD\nREVG\r\nR0hJ\n")}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_= \t\r\n!.\x00\xc3\xa4"
	for range 3000 {
		data := make([]byte, r.IntN(300))
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		var enc []byte
		switch r.IntN(3) {
		case 0:
			enc = []byte(base64.StdEncoding.EncodeToString(data))
		case 1:
			enc = []byte(base64.URLEncoding.EncodeToString(data))
		default:
			enc = []byte(base64.RawStdEncoding.EncodeToString(data))
		}
		if r.IntN(2) == 0 { // MIME lines
			var b bytes.Buffer
			for len(enc) > 0 {
				k := min(len(enc), 76)
				b.Write(enc[:k])
				b.WriteString([]string{"\r\n", "\n", " \r\n"}[r.IntN(3)])
				enc = enc[k:]
			}
			enc = b.Bytes()
		}
		switch r.IntN(6) {
		case 0: // truncated
			enc = enc[:r.IntN(len(enc)+1)]
		case 1: // changed bytes
			for range 1 + r.IntN(4) {
				if len(enc) > 0 {
					enc[r.IntN(len(enc))] = alphabet[r.IntN(len(alphabet))]
				}
			}
		case 2: // concatenated chunks
			enc = append(enc, base64.StdEncoding.EncodeToString(data[:r.IntN(len(data)+1)])...)
		case 3: // random text in the alphabet
			enc = enc[:0]
			for range r.IntN(100) {
				enc = append(enc, alphabet[r.IntN(len(alphabet))])
			}
		}
		ins = append(ins, enc)
	}
	return ins
}

// TestBase64FastPaths checks decodeBase64 and base64DecodedLen against
// the lenient reference decoder.
func TestBase64FastPaths(t *testing.T) {
	for _, in := range base64Inputs() {
		checkBase64Paths(t, in)
		// Every prefix: truncation at each possible place.
		if len(in) < 40 {
			for k := range len(in) {
				checkBase64Paths(t, in[:k])
			}
		}
	}
	// Every byte value in every position of a quantum.
	for c := range 256 {
		for pos := range 8 {
			in := []byte(strings.Repeat("QUJD", 2))
			in[pos] = byte(c)
			checkBase64Paths(t, in)
		}
	}
}

// FuzzBase64 checks the fast base64 paths against lenientBase64 on random
// input.
func FuzzBase64(f *testing.F) {
	for _, in := range base64Inputs()[:40] {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		checkBase64Paths(t, in)
	})
}

// base64Attachment is about 300 KB of base64 in 76-column MIME lines.
func base64Attachment() []byte {
	data := make([]byte, 225_000)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	enc := base64.StdEncoding.EncodeToString(data)
	var b bytes.Buffer
	for len(enc) > 0 {
		k := min(len(enc), 76)
		b.WriteString(enc[:k] + "\r\n")
		enc = enc[k:]
	}
	return b.Bytes()
}

func BenchmarkBase64(b *testing.B) {
	in := base64Attachment()
	for _, bc := range []struct {
		name string
		f    func([]byte) int
	}{
		{"lenient", func(in []byte) int { out, _ := lenientBase64(in); return len(out) }},
		{"fast", func(in []byte) int { out, _ := decodeBase64(in); return len(out) }},
		{"len", func(in []byte) int { n, _ := base64DecodedLen(in); return n }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				bc.f(in)
			}
		})
	}
}

// lenientBase64 is the reference for decodeBase64: it decodes base64
// leniently, a character at a time: white space is skipped, padding may
// appear between concatenated chunks and a missing tail is tolerated. bad is
// set when characters outside the alphabet were found.
func lenientBase64(b []byte) (out []byte, bad bool) {
	out = make([]byte, 0, len(b)*3/4)
	var q [4]byte
	n := 0
	flush := func() {
		switch n {
		case 2:
			out = append(out, q[0]<<2|q[1]>>4)
		case 3:
			out = append(out, q[0]<<2|q[1]>>4, q[1]<<4|q[2]>>2)
		}
		n = 0
	}
	for _, c := range b {
		var v byte
		switch {
		case 'A' <= c && c <= 'Z':
			v = c - 'A'
		case 'a' <= c && c <= 'z':
			v = c - 'a' + 26
		case '0' <= c && c <= '9':
			v = c - '0' + 52
		case c == '+' || c == '-':
			v = 62
		case c == '/' || c == '_':
			v = 63
		case c == '=':
			flush()
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		default:
			bad = true
			continue
		}
		q[n] = v
		n++
		if n == 4 {
			out = append(out, q[0]<<2|q[1]>>4, q[1]<<4|q[2]>>2, q[2]<<6|q[3])
			n = 0
		}
	}
	flush()
	return out, bad
}
