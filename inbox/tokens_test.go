package inbox

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"dsrdesk/inbox/mailgen"
)

// TestTokenizeMatchesReference checks tokenize, with its ASCII fast path,
// against tokenizeReference, the rune-by-rune version it replaced.
func TestTokenizeMatchesReference(t *testing.T) {
	texts := lookUpTexts(t)
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "A", "z", "Z", "0", "9", "ä", "Ä", "é", "ß", "Ⱥ", "İ", "\u0308", "\uFFFD", "\xff",
		" ", "\n", "\r\n", "\n\n", ".", ". ", "!", "?", ";", ",", ":", "-", " - ", "–", "/", "(", "\"", "@",
		"://", "www.", "1. ", "- ", "• ", "aaa", "AAA", "kaaa", "@", "`", "[", "{", "_", "ſ", "K"}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(60) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	texts = append(texts, strings.Repeat("a", 200), strings.Repeat("Ab", 100)+"ä"+strings.Repeat("x", 60))
	for _, text := range texts {
		s := &textSegment{src: text}
		s.tokenize()
		ref := &textSegment{src: text}
		ref.tokenizeReference()
		if !reflect.DeepEqual(s.toks, ref.toks) || !reflect.DeepEqual(s.sents, ref.sents) {
			t.Fatalf("tokenize(%.200q) differs from the reference:\n%+v\n%+v", text, s.toks, ref.toks)
		}
	}
}

// tokenizeReference is tokenize as it was before its ASCII fast path.
func (s *textSegment) tokenizeReference() {
	src := s.src
	// All folded words go into one buffer, made a string once at the end;
	// the tokens' words are slices of it.
	folded := make([]byte, 0, len(src))
	var spans [][2]int
	s.toks = make([]wordToken, 0, len(src)/6+1)
	var (
		punct, boundary bool
		lastSig         rune = '\n' // the last character that was not white space
		lead                 = -1   // the list lead-in for the next sentence
		lineStart            = true
	)
	for i := 0; i < len(src); {
		if lineStart {
			lineStart = false
			j := i
			for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if n := bulletLen(src[j:]); n > 0 {
				boundary = true
				if cur := len(s.sents) - 1; cur >= 0 {
					if lastSig == ':' {
						lead = cur
					} else if s.sents[cur].lead >= 0 {
						lead = s.sents[cur].lead
					}
				}
				lastSig = '-'
				i = j + n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		if isWordRune(r) {
			if i == 0 || isSpaceByte(src[i-1]) || strings.IndexByte("<([{\"'", src[i-1]) >= 0 {
				end := i
				for end < len(src) && !isSpaceByte(src[end]) {
					end++
				}
				if chunk := src[i:end]; strings.Contains(chunk, "://") || strings.IndexByte(chunk, '@') >= 0 ||
					(len(chunk) > 4 && strings.EqualFold(chunk[:4], "www.")) {
					i, punct, lastSig = end, true, 'a'
					continue
				}
			}
			start := i
			wstart := len(folded)
			for i < len(src) {
				r, size = utf8.DecodeRuneInString(src[i:])
				if r >= 0x300 && unicode.Is(unicode.Mn, r) {
					i += size
					continue
				}
				if !isWordRune(r) {
					break
				}
				i += size
				if len(folded)-wstart >= maxWord {
					continue
				}
				f := foldRune(r)
				if n := len(folded); f < 0x80 && unicode.IsLetter(f) && n-wstart >= 2 && folded[n-1] == byte(f) && folded[n-2] == byte(f) {
					continue // "poistakaaa" is "poistakaa"
				}
				folded = utf8.AppendRune(folded, f)
			}
			if boundary || len(s.sents) == 0 {
				s.sents = append(s.sents, sentence{first: len(s.toks), lead: lead})
				lead, boundary = -1, false
			}
			cur := len(s.sents) - 1
			s.toks = append(s.toks, wordToken{start: int32(start), end: int32(i), sent: int32(cur), punct: punct, span: 1})
			spans = append(spans, [2]int{wstart, len(folded)})
			s.sents[cur].last = len(s.toks) - 1
			punct, lastSig = false, 'a'
			continue
		}
		switch r {
		case '.':
			if sentenceEnds(src, i+size) {
				boundary = true
				if n := len(s.sents); n > 0 {
					s.sents[n-1].closed = true
				}
			}
		case '!', ';':
			boundary = true
			if n := len(s.sents); n > 0 && r == '!' {
				s.sents[n-1].closed = true
			}
		case '?':
			boundary = true
			if n := len(s.sents); n > 0 {
				s.sents[n-1].question = true
				s.sents[n-1].closed = true
			}
		case '\n':
			if blankLineFollows(src, i+1) {
				boundary = true
			}
			lineStart = true
		case ',', ':', '(', ')', '[', ']', '{', '}', '"', '“', '”', '„', '«', '»', '|', '•', '·', '*':
			punct = true
		case '-', '–', '—', '/':
			if r != '-' || i+size >= len(src) || isSpaceByte(src[i+size]) || (i > 0 && isSpaceByte(src[i-1])) {
				punct = true
			}
		}
		if !unicode.IsSpace(r) {
			lastSig = r
		}
		i += size
	}
	words := string(folded)
	for k, sp := range spans {
		s.toks[k].w = words[sp[0]:sp[1]]
	}
}

// BenchmarkTokenize tokenises the subjects and texts of the generated
// mailbox, releasing each segment as classify does.
func BenchmarkTokenize(b *testing.B) {
	var texts []string
	var total int64
	for m := range mailgen.Generate(500, 1) {
		p := Parse(m.Raw)
		texts = append(texts, p.Subject, p.Text)
		total += int64(len(p.Subject) + len(p.Text))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range texts {
			s := &textSegment{src: text}
			s.tokenize()
			s.release()
		}
	}
}

// TestReleaseLeavesWordsAndVerdicts checks that tokens given back by
// release and reused by the next segment change neither the words taken
// from a released segment nor any verdict, however classifications
// interleave: the sync classifies on several goroutines at once.
func TestReleaseLeavesWordsAndVerdicts(t *testing.T) {
	a := newSegment("Poistakaa minun tietoni heti", srcOwn)
	words := make([]string, len(a.toks))
	for i, tok := range a.toks {
		words[i] = tok.w
	}
	a.release()
	if a.toks != nil || a.scratch != nil {
		t.Fatal("a released segment still holds its tokens")
	}
	newSegment("Something else entirely, please", srcOwn).release()
	if got := strings.Join(words, " "); got != "poistakaa minun tietoni heti" {
		t.Fatalf("words after release: %q", got)
	}

	var msgs []Parsed
	for m := range mailgen.Generate(300, 11) {
		msgs = append(msgs, Parse(m.Raw))
	}
	want := make([]Verdict, len(msgs))
	for i, p := range msgs {
		want[i] = Classify(p)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := range 4 {
		wg.Go(func() {
			for k := range msgs {
				i := (k*7 + g*31) % len(msgs)
				if v := Classify(msgs[i]); !reflect.DeepEqual(v, want[i]) {
					errs <- fmt.Sprintf("message %d: %+v, alone %+v", i, v, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
