package inbox

// The lenient base64 of mail bodies and encoded words. base64_test.go keeps
// a decoder that reads a character at a time as the reference; the
// functions here give exactly its output and bad flag, which the tests
// check on many inputs and FuzzBase64 on random ones.

// Special values of b64Table, above the 64 digit values.
const (
	b64Pad   = 0x40 // '=': ends a chunk
	b64Space = 0x41 // white space, skipped
	b64Bad   = 0x80 // outside the alphabet: skipped, and the data is bad
)

// b64Table maps a byte to its value in the lenient alphabet (standard and
// URL-safe digits alike), or to one of b64Pad, b64Space and b64Bad.
var b64Table = func() (t [256]byte) {
	for c := range t {
		t[c] = b64Bad
	}
	const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for v := range len(std) {
		t[std[v]] = byte(v)
	}
	t['-'], t['_'] = 62, 63
	t['='] = b64Pad
	for _, c := range []byte(" \t\r\n") {
		t[c] = b64Space
	}
	return t
}()

// b64TailLen is how many bytes decodeBase64 makes of a chunk's last 0–3
// digits.
var b64TailLen = [4]int{0, 0, 1, 2}

// decodeBase64 decodes base64 leniently: white space is skipped, padding may
// appear between concatenated chunks, a missing tail is tolerated and the
// URL-safe digits are read too. bad is set when characters outside the
// alphabet were found. Runs of four digits take a fast loop.
func decodeBase64(b []byte) (out []byte, bad bool) {
	out = make([]byte, len(b)*3/4) // the reference's capacity, which bounds its output
	o := 0
	var q [4]byte
	n := 0
	for i := 0; i < len(b); {
		if n == 0 {
			for i+4 <= len(b) {
				v0, v1, v2, v3 := b64Table[b[i]], b64Table[b[i+1]], b64Table[b[i+2]], b64Table[b[i+3]]
				if (v0|v1|v2|v3)&0xC0 != 0 {
					break
				}
				out[o], out[o+1], out[o+2] = v0<<2|v1>>4, v1<<4|v2>>2, v2<<6|v3
				o += 3
				i += 4
			}
			if i == len(b) {
				break
			}
		}
		v := b64Table[b[i]]
		i++
		switch v {
		case b64Pad:
			o += b64Flush(out[o:], q, n)
			n = 0
		case b64Space:
		case b64Bad:
			bad = true
		default:
			q[n] = v
			n++
			if n == 4 {
				out[o], out[o+1], out[o+2] = q[0]<<2|q[1]>>4, q[1]<<4|q[2]>>2, q[2]<<6|q[3]
				o += 3
				n = 0
			}
		}
	}
	o += b64Flush(out[o:], q, n)
	return out[:o], bad
}

// b64Flush writes the bytes of a chunk's last n digits q to out, as
// the reference's flush does, and returns how many it wrote.
func b64Flush(out []byte, q [4]byte, n int) int {
	switch n {
	case 2:
		out[0] = q[0]<<2 | q[1]>>4
	case 3:
		out[0], out[1] = q[0]<<2|q[1]>>4, q[1]<<4|q[2]>>2
	}
	return b64TailLen[n]
}

// base64DecodedLen returns len(decodeBase64(b)) and its bad flag without
// decoding: for an attachment only the size is shown. Digits are counted
// eight at a time while they last, which is most of a MIME line.
func base64DecodedLen(b []byte) (size int, bad bool) {
	k := 0 // digits since the last padding
	for i := 0; i < len(b); {
		for i+8 <= len(b) {
			// A table value of 64 or more (not a digit) sets a high bit.
			q := b[i : i+8 : i+8]
			t := &b64Table
			if (t[q[0]]|t[q[1]]|t[q[2]]|t[q[3]]|t[q[4]]|t[q[5]]|t[q[6]]|t[q[7]])&0xC0 != 0 {
				break
			}
			k += 8
			i += 8
		}
		// One at a time up to and including the next non-digit.
		for i < len(b) {
			v := b64Table[b[i]]
			i++
			if v < 64 {
				k++
				continue
			}
			switch v {
			case b64Pad:
				size += k/4*3 + b64TailLen[k%4]
				k = 0
			case b64Bad:
				bad = true
			}
			break
		}
	}
	return size + k/4*3 + b64TailLen[k%4], bad
}
