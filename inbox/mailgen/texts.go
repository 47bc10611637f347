package mailgen

// lang is the vocabulary of one language. Ordinary sentences are about
// orders, deliveries and invoices and avoid the words of requests.
type lang struct {
	first, last, domains []string
	subjects             []string // ordinary mail; a reference number is added
	greetings, closings  []string
	sentences            []string // ordinary filler
	reqSubjects          []string
	requests             []string // the paragraph that makes a request
	context              []string // why the sender asks
	files                []string // attachment names
}

var texts = map[string]lang{
	"fi": {
		first:   []string{"Aino", "Mikko", "Sari", "Juha", "Päivi", "Timo", "Heli", "Jari", "Kirsi", "Ville", "Tuula", "Eero"},
		last:    []string{"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen"},
		domains: []string{"example.fi", "rakennus-example.fi", "kuljetus.example.fi", "posti.example.fi"},
		subjects: []string{"Tilaus", "Toimitus viivästyy", "Lasku", "Tarjouspyyntö", "Reklamaatio", "Hinnasto 2026",
			"Kokousmuistio", "Varaston saldo", "Uusi toimitusosoite", "Maksumuistutus"},
		greetings: []string{"Hei,", "Hyvää päivää,", "Moi,", "Hei kaikki,"},
		closings:  []string{"Ystävällisin terveisin", "Terveisin", "Kiitos jo etukäteen,", "Parhain terveisin"},
		sentences: []string{
			"Tilasimme viime viikolla kaksikymmentä paria työkäsineitä ja kymmenen huomioliiviä.",
			"Toimitus saapui perille tiistaina, mutta yksi laatikko oli kastunut kuljetuksessa.",
			"Voisitteko tarkistaa, onko lasku lähetetty oikeaan osoitteeseen?",
			"Laskun eräpäivä on kuun lopussa, ja maksamme sen normaalisti.",
			"Varastossamme on tällä hetkellä tilaa noin kolmellekymmenelle lavalle.",
			"Kuljetusliike lupasi noudon torstaiaamuna kello kahdeksan ja kymmenen välillä.",
			"Hinnat ovat samat kuin edellisessä tarjouksessa, mutta rahti laskutetaan erikseen.",
			"Tarvitsisimme lisäksi koon XL turvakenkiä, jos niitä on saatavilla.",
			"Työmaa siirtyy ensi kuussa Tampereelta Jyväskylään.",
			"Kokous pidetään neuvotteluhuoneessa kolme, ja kahvia on tarjolla.",
			"Pahoittelemme viivästystä, joka johtui alihankkijan tuotanto-ongelmista.",
			"Liitteenä olevassa taulukossa on kuluvan vuoden toimitusmäärät kuukausittain.",
			"Tuotekoodi on vaihtunut, mutta tuote itsessään on täsmälleen sama.",
			"Olemme tyytyväisiä yhteistyöhön ja haluamme jatkaa sopimusta vielä vuoden.",
			"Pakkaukset kannattaa pinota enintään kolmen kerroksen korkeuteen.",
		},
		reqSubjects: []string{"Tietopyyntö", "Pyyntö tietojeni poistamisesta", "Kielto suoramarkkinoinnille", "Tietojen siirto"},
		requests: []string{
			"Pyydän EU:n tietosuoja-asetuksen 15 artiklan nojalla saada tietää, mitä henkilötietoja minusta on tallennettu rekistereihinne ja mistä ne on saatu.",
			"Pyydän, että poistatte kaikki minua koskevat henkilötiedot rekistereistänne tietosuoja-asetuksen 17 artiklan mukaisesti.",
			"Kiellän henkilötietojeni käytön suoramarkkinointiin kaikissa kanavissa, myös postitse ja puhelimitse.",
			"Käytän oikeuttani siirtää tiedot järjestelmästä toiseen ja pyydän minua koskevat henkilötiedot koneluettavassa muodossa.",
			"Haluaisin saada kopion kaikista minusta tallennetuista henkilötiedoista.",
		},
		context: []string{
			"Olen ollut asiakkaananne vuodesta 2019, mutta en tarvitse tiliä enää.",
			"Saan teiltä edelleen tuoteluetteloita, vaikka en ole tilannut mitään vuosiin.",
		},
		files: []string{"lasku.pdf", "tarjous.pdf", "kuitti.jpg", "vauriokuva.jpg"},
	},
	"sv": {
		first:   []string{"Anna", "Erik", "Karin", "Johan", "Sofia", "Lars", "Maria", "Peter", "Elin", "Mats"},
		last:    []string{"Lindqvist", "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Holmström", "Sjöberg"},
		domains: []string{"example.se", "bygg.example.se", "example.ax"},
		subjects: []string{"Beställning", "Leverans försenad", "Faktura", "Offertförfrågan", "Reklamation", "Prislista 2026",
			"Mötesanteckningar", "Lagersaldo", "Ny leveransadress"},
		greetings: []string{"Hej,", "Hej alla,", "God dag,"},
		closings:  []string{"Med vänliga hälsningar", "Vänliga hälsningar", "Tack på förhand,", "Hälsningar"},
		sentences: []string{
			"Vi beställde förra veckan tjugo par arbetshandskar och tio varselvästar.",
			"Leveransen kom fram på tisdagen, men en kartong hade blivit blöt under transporten.",
			"Kan ni kontrollera att fakturan har skickats till rätt adress?",
			"Fakturans förfallodag är i slutet av månaden och vi betalar som vanligt.",
			"Åkeriet lovade upphämtning på torsdag morgon mellan klockan åtta och tio.",
			"Priserna är desamma som i förra offerten, men frakten faktureras separat.",
			"Vi skulle också behöva skyddsskor i storlek 45 om sådana finns i lager.",
			"Mötet hålls i konferensrum tre och det bjuds på kaffe.",
			"Vi ber om ursäkt för förseningen som berodde på problem hos vår underleverantör.",
			"Produktkoden har ändrats men själva produkten är exakt densamma.",
			"Vi är nöjda med samarbetet och vill gärna förlänga avtalet med ett år.",
			"Lastpallarna bör inte staplas högre än tre lager.",
		},
		reqSubjects: []string{"Begäran om registerutdrag", "Radera mina uppgifter", "Avregistrera mig från direktmarknadsföring"},
		requests: []string{
			"Jag vill med stöd av artikel 15 i dataskyddsförordningen begära ett registerutdrag över de personuppgifter som ni behandlar om mig.",
			"Jag begär att ni raderar alla mina personuppgifter enligt artikel 17 i dataskyddsförordningen.",
			"Jag motsätter mig att mina personuppgifter används för direktmarknadsföring.",
			"Kan ni radera alla mina uppgifter och ta bort kontot? Jag vill bli bortglömd.",
		},
		context: []string{
			"Jag har varit kund hos er sedan 2021 men behöver inte kontot längre.",
			"Jag får fortfarande kataloger per post trots att jag inte har beställt något på länge.",
		},
		files: []string{"faktura.pdf", "offert.pdf", "kvitto.jpg", "skada.jpg"},
	},
	"en": {
		first:   []string{"Tom", "Sarah", "James", "Emily", "David", "Laura", "Michael", "Hannah", "Chris", "Olivia"},
		last:    []string{"Whitfield", "Smith", "Brown", "Taylor", "Wilson", "Clarke", "Evans", "Walker", "Hughes"},
		domains: []string{"example.com", "example.co.uk", "logistics.example.com"},
		subjects: []string{"Order", "Delivery delayed", "Invoice", "Request for quotation", "Complaint about shipment", "Price list 2026",
			"Meeting notes", "Stock levels", "New delivery address"},
		greetings: []string{"Hi,", "Hello,", "Dear colleagues,", "Good morning,"},
		closings:  []string{"Best regards,", "Kind regards,", "Thanks in advance,", "Cheers,"},
		sentences: []string{
			"Last week we ordered twenty pairs of work gloves and ten high-visibility vests.",
			"The shipment arrived on Tuesday, but one box had got wet in transit.",
			"Could you check that the invoice went to the right address?",
			"The invoice is due at the end of the month and we will pay it as usual.",
			"The haulier promised a pickup on Thursday morning between eight and ten.",
			"Prices are the same as in the previous quotation, but freight is invoiced separately.",
			"We would also need safety shoes in size 45 if you have them in stock.",
			"The meeting is in conference room three and coffee will be served.",
			"We apologise for the delay, which was caused by production problems at our subcontractor.",
			"The product code has changed, but the product itself is exactly the same.",
			"We are happy with the cooperation and would like to extend the contract by a year.",
			"Pallets should not be stacked more than three layers high.",
		},
		reqSubjects: []string{"Subject access request", "Please delete my data", "Erasure request under GDPR", "Stop direct marketing"},
		requests: []string{
			"Under Article 15 of the GDPR I am making a subject access request: please tell me what personal data you hold about me and where you got it.",
			"I am writing to ask you to delete all personal data you hold about me, under Article 17 of the GDPR (the right to erasure).",
			"I object to the processing of my personal data for direct marketing and ask you to stop sending me marketing.",
			"Could you tell me what personal info you actually hold about me? A copy of whatever you've got would be great.",
		},
		context: []string{
			"I have been a customer since 2020 but no longer need the account.",
			"I still receive your printed catalogue although I have not ordered anything for years.",
		},
		files: []string{"invoice.pdf", "quotation.pdf", "receipt.jpg", "damage.jpg"},
	},
}
