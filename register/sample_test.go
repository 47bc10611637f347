package register

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// The sample register is a synthetic customer register for benchmarks:
// Finnish and Swedish names from syllables (so namesakes are as common as
// in a real register: a few dozen per full name at a million rows),
// companies with valid business IDs, e-mail addresses, phone numbers in
// mixed forms and Finnish dates. It is deterministic.

var (
	sampleFirst = strings.Fields(`Matti Liisa Pekka Anna Juha Maria Mikko Sanna Jari Tiina Timo Johanna
		Antti Heidi Kari Minna Jukka Laura Markku Elina Ville Satu Janne Päivi Petri Riikka Tuomas Anu
		Jörö Åsa Björn Märta Sören Ulla Väinö Eeva Olli Kaisa Ilkka Hanna Risto Outi Sami Noora Teemu
		Kirsi Aleksi Jenni Henrik Sofia Erik Linnea Oskari Aino Eino Helmi Lauri Iida Veikko Emilia`)
	sampleStem = strings.Fields(`Mäki Virta Korho Niemi Järvi Lahti Heikki Koski Salo Laine Lehto Kallio
		Hämäläi Peltonen Ström Lund Öhman Kivi Nurmi Rinne Vuori Halo Aalto Karja Hiltu Tähti Ranta Lepp
		Saari Honka Kuusi Tuomi Manni Sipi Väli Kettu Susi Ilves Karhu Haapa Pihla Raita Leino Savo`)
	sampleEnd = strings.Fields(`nen la lä inen kangas aho mäki salo niemi ranta vaara oja lampi
		berg ström qvist dahl lund`)
	sampleTrade = strings.Fields(`Sähkö Rakennus Puutarha Kuljetus Konepaja Kauppa Ravintola Tilitoimisto
		Metalli Puu Logistiikka Design Konsultointi Huolto Tekniikka`)
	sampleForm = []string{"Oy", "Oy", "Oy", "Ab", "Oyj", "Ky", "Tmi"}
	sampleCity = strings.Fields(`Helsinki Espoo Tampere Vantaa Oulu Turku Jyväskylä Lahti Kuopio Pori
		Vaasa Närpiö Porvoo Mäntsälä Rovaniemi`)
)

// sampleHeader is the header of the sample register's CSV.
const sampleHeader = "customer_number,company_name,first_name,last_name,business_id,email,phone," +
	"street_address,postal_code,city,country,contact_person,title,payment_method,payment_terms," +
	"delivery_method,customer_since,customer_until,newsletter,direct_marketing_ban\n"

// sampleCustomer returns the fields of sample customer i, whose number is
// C-<i+1000000>; the same i always gives the same customer.
func sampleCustomer(i int) (number, company, first, last, bid, email, phone, city string) {
	r := rand.New(rand.NewPCG(uint64(i), 0x5e50a))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	first = pick(sampleFirst)
	last = pick(sampleStem) + pick(sampleEnd)
	company = last + " " + pick(sampleTrade) + " " + pick(sampleForm)
	number = fmt.Sprintf("C-%d", 1000000+i)
	bid = sampleBusinessID(1000000 + i*7%8000000)
	email = fmt.Sprintf("%s.%s%d@%s.fi", foldName(first), foldName(last), i%97, strings.ReplaceAll(foldName(last), " ", ""))
	d := fmt.Sprintf("%07d", r.IntN(10000000))
	switch i % 3 {
	case 0:
		phone = "+358 40 " + d[:3] + " " + d[3:]
	case 1:
		phone = "040-" + d
	default:
		phone = "040" + d
	}
	return number, company, first, last, bid, email, phone, pick(sampleCity)
}

// sampleBusinessID returns a valid business ID near n.
func sampleBusinessID(n int) string {
	for ; ; n++ {
		s := fmt.Sprintf("%07d", n%10000000)
		sum := 0
		for i, w := range businessIDWeights {
			sum += int(s[i]-'0') * w
		}
		switch r := sum % 11; r {
		case 0:
			return s + "-0"
		case 1:
		default:
			return fmt.Sprintf("%s-%d", s, 11-r)
		}
	}
}

// writeSampleRegister writes n sample customers as CSV.
func writeSampleRegister(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(sampleHeader)
	for i := range n {
		number, company, first, last, bid, email, phone, city := sampleCustomer(i)
		fmt.Fprintf(bw, "%s,%s,%s,%s,%s,%s,%s,Katu %d,%05d,%s,FI,%s %s,CEO,invoice,14 days net,courier,%d.%d.%d,,%d,%d\n",
			number, company, first, last, bid, email, phone, i%200+1, i%99999, city, first, last,
			i%28+1, i%12+1, 2000+i%25, i%2, i%5/4)
	}
	return bw.Flush()
}
