"""The extraction mechanisms on Dutch texts of our own: pronouns, appositions, surnames,
letters, relative clauses, passives, time that carries over, and what must not be read as
fact. Runs on recorded Frog output (record new texts with
``python3 scripts/record_frog.py tests/fixtures/extraction_texts.txt``) and, marked ``frog``,
on the real Frog."""
import pytest

from graph.build import extract
from graph.model import Document, PartialDate

CASES = [
    # (text, published, expected events as (type, agents, recipients, time begin or None))
    ("Wethouder Karin de Vries sprak met burgemeester Jan Bakker. Zij informeerde daarna de gemeenteraad.",
     "2023-05-10", [("Informing", {"Karin de Vries"}, {"gemeenteraad"}, None)]),
    ("De gemeentesecretaris, Ruben Smit, bracht de burgemeester op 3 maart op de hoogte.",
     "2023-05-10", [("Informing", {"Ruben Smit"}, {"burgemeester"}, "2023-03-03")]),
    ("Gedeputeerde Marleen van der Velde trad dinsdag af. Van der Velde wist al sinds januari van de klachten.",
     "2023-05-11", [("Resignation", {"Marleen van der Velde"}, set(), "2023-05-09"),
                    ("KnowledgeStatement", {"Marleen van der Velde"}, set(), "2023-01")]),
    ("De klacht kwam binnen bij de griffier, die de kwestie doorspeelde aan de burgemeester.",
     "2023-05-10", [("Report", set(), {"griffier"}, None), ("Informing", {"griffier"}, {"burgemeester"}, None)]),
    ("De directeur werd door de raad van toezicht ter verantwoording geroepen.",
     "2023-05-10", [("Confrontation", {"raad van toezicht"}, {"directeur"}, None)]),
    ("In maart 2022 maakte de wethouder afspraken met de directeur. Er werd toentertijd voor gekozen "
     "om de gemeenteraad niet te informeren.",
     "2023-05-10", [("Agreement", {"wethouder"}, {"directeur"}, "2022-03"),
                    ("NonDisclosure", set(), {"gemeenteraad"}, "2022-03")]),
    ("Als de burgemeester de raad had ingelicht, was er niets aan de hand. Zou de wethouder aftreden?",
     "2023-05-10", []),
    # an abbreviation in parentheses names the same organisation later on
    ("De directeur meldde het lek bij het Nationaal Meldcentrum Datalekken (NMD). Het NMD informeerde "
     "dezelfde dag de gemeente.",
     "2023-05-10", [("Report", {"directeur"}, {"Nationaal Meldcentrum Datalekken"}, None),
                    ("Informing", {"Nationaal Meldcentrum Datalekken", "NMD"}, {"gemeente"}, None)]),
    # a post after the quotation speaks it, and the next quotation goes on in its voice
    ('"Ik heb de raad in mei ingelicht", zegt de wethouder. "Ik wist toen al van de klachten."',
     "2023-06-01", [("Informing", {"wethouder"}, {"raad"}, "2023-05"),
                    ("KnowledgeStatement", {"wethouder"}, set(), None)]),
    # a post in apposition to a post is one person; "zij" is not the man named in between
    ("De klokkenluider, een medewerker van de afdeling Financiën, sprak met wethouder Peter de Wit. "
     "Zij meldde de fraude in maart bij de vertrouwenspersoon.",
     "2023-05-10", [("Report", {"klokkenluider", "medewerker"}, {"vertrouwenspersoon"}, "2023-03")]),
    # "Die" opening a sentence is the one named last; those "die zich meldden" informed no one
    ("De vertrouwenspersoon bracht in mei de gemeentesecretaris op de hoogte. Die lichtte in juni de "
     "burgemeester in. De vrouwen die zich hebben gemeld, worden gehoord.",
     "2023-08-10", [("Informing", {"vertrouwenspersoon"}, {"gemeentesecretaris"}, "2023-05"),
                    ("Informing", {"gemeentesecretaris"}, {"burgemeester"}, "2023-06")]),
    # initials with a first name in parentheses, "de heer", a firm with "&", an abbreviation of initials
    ("Het college gaf het Groningse onderzoeksbureau Dekker & Zn opdracht. De commandant, de heer P. (Piet) "
     "Wolters, sprak met het bureau. In mei kwam bij de Dienst toezicht bouwwerken (Dtb) een melding "
     "binnen. De Dtb informeerde de heer Wolters in juni.",
     "2023-08-10", [("Commissioning", {"college"}, {"Dekker & Zn"}, None),
                    ("Report", set(), {"Dienst toezicht bouwwerken"}, "2023-05"),
                    ("Informing", {"Dienst toezicht bouwwerken", "Dtb"}, {"heer Wolters", "P. Wolters"}, "2023-06")]),
    # a subject before an interrupting relative clause, a verbless insertion between commas,
    # "toen" as the adverb 'then'
    ("Wethouder Karin Smit, die de burgemeester tijdelijk verving, wist tot juni van niets. De "
     "secretaris bracht in mei, met toestemming van de melders, de burgemeester op de hoogte. Na de "
     "zomer maakten de burgemeester en de secretaris toen afspraken met de directeur.",
     "2023-10-10", [("KnowledgeStatement", {"Karin Smit"}, set(), None),
                    ("Informing", {"secretaris"}, {"burgemeester"}, "2023-05"),
                    ("Agreement", {"burgemeester", "secretaris"}, {"directeur"}, None)]),
    # a quotation right after the sentence that introduces its speaker
    ("De burgemeester trad af. Ook raadslid Piet Kramer, lid van de commissie, is hard in zijn oordeel. "
     "\"Ik wist er niets van. Dat had de burgemeester ons moeten vertellen.\"",
     "2023-10-10", [("KnowledgeStatement", {"Piet Kramer"}, set(), None)]),
    # causative laten: the one let do it is commissioned and investigates; "en" inside a name
    ("In mei liet de wethouder de Inspectie Zorg en Welzijn de aanbesteding doorlichten.",
     "2023-10-10", [("Commissioning", {"wethouder"}, {"Inspectie Zorg en Welzijn"}, "2023-05"),
                    ("Investigation", {"Inspectie Zorg en Welzijn"}, set(), "2023-05")]),
    # "de overige leden" are not the members named before; the long name of the college
    ("Het college van burgemeester en wethouders informeerde in mei de leden van de commissie. De "
     "overige leden van de raad zijn niet geïnformeerd.",
     "2023-10-10", [("Informing", {"college van burgemeester en wethouders"}, {"leden van de commissie"}, "2023-05"),
                    ("NonDisclosure", set(), {"overige leden"}, None)]),
    # "wij als raad"; a party in parentheses is no object
    ("\"Wij als gemeenteraad zijn nooit geïnformeerd\", zegt raadslid Jan Smit. \"In maart heb ik het lid "
     "Bakker (CDA) niet ingelicht\", schrijft de burgemeester.",
     "2023-10-10", [("NonDisclosure", set(), {"gemeenteraad"}, None),
                    ("NonDisclosure", {"burgemeester"}, {"Bakker"}, "2023-03")]),
    # "de twee": the two people named last
    ("In maart sprak burgemeester Anna Kok wethouder Piet Jansen aan op zijn gedrag. De twee spraken af "
     "dat hij een cursus zou volgen.",
     "2023-10-10", [("Confrontation", {"Anna Kok"}, {"Piet Jansen"}, "2023-03"),
                    ("Agreement", {"Anna Kok", "Piet Jansen"}, set(), None)]),
    # a surname that begins with "Oude"; an accented first name after a post
    ("Wethouder Gijs Oude Hengel trad in mei af. Eerder sprak oud-directeur Hélène Kortekaas de wethouder "
     "in april aan op zijn gedrag.",
     "2023-10-10", [("Resignation", {"Gijs Oude Hengel"}, set(), "2023-05"),
                    ("Confrontation", {"Hélène Kortekaas"}, {"Gijs Oude Hengel"}, "2023-04")]),
    # a quoted e-mail written to someone: "ik" is the writer, "je" the one written to
    ("Op 3 mei schrijft de teamleider aan de directeur, mevrouw A. Vos: \"Hierbij breng ik je op de hoogte "
     "van de klacht.\"",
     "2023-10-10", [("Informing", {"teamleider"}, {"A. Vos"}, "2023-05-03")]),
    # a first name alone for someone introduced with an initial
    ("Op 3 mei sprak heemraad Piet Smal dijkgraaf A. Verschoor aan op de lozing. Arnoud trad in juni af.",
     "2023-10-10", [("Resignation", {"A. Verschoor"}, set(), "2023-06")]),
    # an organisation's name alone, where Frog takes it for a place
    ("In maart huurde de gemeente woningcorporatie Vechtzoom in. In mei stelde de inspectie een onderzoek "
     "in naar Vechtzoom.",
     "2023-10-10", [("Investigation", {"inspectie"}, {"Vechtzoom"}, "2023-05")]),
    # "el" begins a surname as "van" does
    ("Raadslid Fatima el Amrani diende een klacht in bij de burgemeester. El Amrani wist al sinds mei "
     "van de plannen.",
     "2023-08-10", [("KnowledgeStatement", {"Fatima el Amrani"}, set(), "2023-05")]),
    # a foundation's proper name alone is the foundation, not the person named next to it
    ("Het ontslag van directeur Kees Bolder van Woonstichting Lindehof kwam vorige week. De inspectie deed "
     "in mei een onderzoek bij Lindehof.",
     "2023-10-10", [("Investigation", {"inspectie"}, {"Woonstichting Lindehof"}, "2023-05")]),
    # and a name before a sector word alone is the firm: "Kempenstroom" for "Kempenstroom Onderwijs"
    ("De scholen van Kempenstroom Onderwijs kampen met een tekort. De inspectie deed in maart een "
     "onderzoek bij Kempenstroom.",
     "2024-10-10", [("Investigation", {"inspectie"}, {"Kempenstroom Onderwijs"}, "2024-03")]),
    # the article Frog's NER put in a name is not a name of its own
    ("Bestuurder Hanneke Wolters van Vechtborg Wonen stapte op. De Autoriteit woningcorporaties "
     "onderzocht in juni de boekhouding van Vechtborg.",
     "2024-10-10", [("Resignation", {"Hanneke Wolters"}, set(), None),
                    ("Investigation", {"Autoriteit woningcorporaties"}, {"Vechtborg Wonen"}, "2024-06")]),
    # the name after "van" behind a person's name is their party or firm, even where the NER took it
    # for a person's; "hij" is then the person
    ("Raadslid Ton Wever van Dorpsbelang Oosterveen legt zijn zetel neer. Dat liet hij dinsdagavond "
     "de gemeenteraad weten.",
     "2024-10-10", [("Informing", {"Ton Wever"}, {"gemeenteraad"}, "2024-10-08")]),
    # "de burgemeester Kroeze" where Kroeze is the wethouder: two people, not a title and its holder
    ("Wethouder Bas Kroeze (VVD) ligt onder vuur. In mei sprak de burgemeester Kroeze aan op zijn gedrag.",
     "2024-10-10", [("Confrontation", {"burgemeester"}, {"Bas Kroeze"}, "2024-05")]),
    # "zonder dat ..." and "zonder ... te ...": what the clause tells did not happen; the one who did
    # not inform is the subject of the clause before
    ("De directeur tekende in mei het contract, zonder dat de raad van toezicht daarvan op de hoogte was.",
     "2024-10-10", [("KnowledgeStatement", {"raad van toezicht"}, set(), "2024-05")]),
    ("De burgemeester heeft in april het contract verlengd zonder de gemeenteraad te informeren.",
     "2024-10-10", [("NonDisclosure", {"burgemeester"}, {"gemeenteraad"}, "2024-04")]),
    # an apposition with "en" between the subject and its verb: "X, directeur en oprichter van Y, is ..."
    ("ANTONDAM - Karel Grevink, directeur en oprichter van Zorggroep Welhaven, is dinsdag afgetreden.",
     "2024-10-10", [("Resignation", {"Karel Grevink"}, set(), "2024-10-08")]),
    # an organisation whose name goes on with "van/voor" and capitalised words; "de inspectie" and
    # "het commissariaat" after it are that organisation
    ("In mei meldde de school het incident bij de Inspectie van het Onderwijs. De inspectie startte in "
     "juni een onderzoek naar de school.",
     "2024-10-10", [("Report", {"school"}, {"Inspectie van het Onderwijs"}, "2024-05"),
                    ("Investigation", {"Inspectie van het Onderwijs"}, {"school"}, "2024-06")]),
    ("Het bestuur heeft in mei het Commissariaat voor de Media ingelicht. Het commissariaat begon in "
     "juni een onderzoek naar de omroep.",
     "2024-10-10", [("Informing", {"bestuur"}, {"Commissariaat voor de Media"}, "2024-05"),
                    ("Investigation", {"Commissariaat voor de Media"}, {"omroep"}, "2024-06")]),
    ("De gemeente schakelde in juni de Raad voor de Kinderbescherming in.",
     "2024-10-10", [("Commissioning", {"gemeente"}, {"Raad voor de Kinderbescherming"}, "2024-06")]),
    # "het bureau" after "onderzoeksbureau Kompas" is that bureau
    ("De raad gaf in mei onderzoeksbureau Kompas de opdracht. Het bureau onderzocht in juni de subsidie "
     "aan de club.",
     "2024-10-10", [("Commissioning", {"raad"}, {"Kompas"}, "2024-05"),
                    ("Investigation", {"Kompas"}, set(), "2024-06")]),
    # a name that goes on over "en" ("Inspectie Gezondheidszorg en Jeugd"); a month Frog glued to a name
    ("In juni deed zij een melding bij de Inspectie Gezondheidszorg en Jeugd.",
     "2024-10-10", [("Report", set(), {"Inspectie Gezondheidszorg en Jeugd"}, "2024-06")]),
    ("De raad gaf eind maart Veldersteyn opdracht uit te zoeken hoe de school met de klachten omging.",
     "2024-10-10", [("Commissioning", {"raad"}, {"Veldersteyn"}, "2024-03-21")]),
    # "Ze maakten de afspraak" after a sentence with two people: the two
    ("De wethouder Kees Damsma ligt onder vuur. In mei sprak burgemeester Wilma Terpstra hem aan op zijn "
     "gedrag. Ze maakten de afspraak dat hij zich afzijdig zou houden.",
     "2024-10-10", [("Agreement", {"Wilma Terpstra", "Kees Damsma"}, set(), "2024-05")]),
    # in one sentence "ze" is the woman, before a man whose first name the lexicon knows
    ("Raadslid Bennie Otten kreeg veel kritiek. Fractievoorzitter Gerda Hummel hoorde in april van Otten "
     "zelf dat er problemen waren, erkent ze.",
     "2024-10-10", [("Informing", {"Bennie Otten"}, {"Gerda Hummel"}, "2024-04")]),
    # a post and the name after it with a title are one person; one resignation told twice
    ("De bestuurder van Stichting Onderwijs Eemland, drs. Arend Vermaat, is per direct vertrokken. Hij nam "
     "maandag ontslag, nadat een onderzoek was afgerond.",
     "2024-10-10", [("Resignation", {"Arend Vermaat", "bestuurder"}, set(), "2024-10-07")]),
    # "de onderzoekers" are the bureau named before; "wethouder Dekker" after "van" is no place; the
    # "in" of "In mei" does not make "opdracht ... van" an "in opdracht van"
    ("In mei gaf de raad onderzoeksbureau Kompas opdracht de rol van wethouder Dekker te onderzoeken. De "
     "onderzoekers spraken met achttien betrokkenen.",
     "2024-10-10", [("Commissioning", {"raad"}, {"Kompas"}, "2024-05"),
                    ("Investigation", {"Kompas"}, {"Dekker"}, "2024-05")]),
    # "wij" said by the chair named with his body: the chair and the body
    ("Voorzitter Ton Hagen van de raad van commissarissen erkent dat. \"Wij wisten niet van het bestaan "
     "van dit rapport.\"",
     "2024-10-10", [("KnowledgeStatement", {"Ton Hagen", "raad van commissarissen"}, set(), None)]),
    # a firm of names joined by "&", even where Frog took a part for a place
    ("Van Tilburg & Hoeks leverde het rapport in december af bij de directeur.",
     "2024-10-10", [("Report", {"Van Tilburg & Hoeks"}, {"directeur"}, "2023-12")]),
    # "door ... te" acts for the subject of the main clause, not of a "dat"-clause between
    ("De directeur en de voorzitter zorgden er in mei voor dat de teamleider kon blijven door de raad van "
     "toezicht niet in te lichten.",
     "2024-10-10", [("NonDisclosure", {"directeur", "voorzitter"}, {"raad van toezicht"}, "2024-05")]),
    # a person's name that Frog glued to the name of a body, or to a word before it
    ("Dinsdagavond liet Verhoef Provinciale Staten in een brief weten dat hij zijn functie neerlegt.",
     "2024-10-10", [("Informing", {"Verhoef"}, {"Provinciale Staten"}, "2024-10-08"),
                    ("Resignation", {"Verhoef"}, set(), "2024-10-08")]),
    ("Dinsdag liet De Vries Gedeputeerde Staten weten dat hij vertrekt.",
     "2024-10-10", [("Informing", {"De Vries"}, {"Gedeputeerde Staten"}, "2024-10-08")]),
    ("Wethouder Bakker maakte in de zomer met Lindeveld-directeur Karin Smit afspraken over de huur.",
     "2024-10-10", [("Agreement", {"Bakker"}, {"Karin Smit"}, "2024-06")]),
    # whose thing is investigated: named in a relative clause or a door-phrase after the object
    ("Onderzoeksbureau Kalverda onderzocht vier maanden lang de contracten die de provincie met de "
     "aannemer sloot.",
     "2023-10-10", [("Investigation", {"Kalverda"}, {"provincie"}, None)]),
    ("Het bureau heeft in mei het onderhoud door het waterschap onderzocht.",
     "2023-10-10", [("Investigation", {"bureau"}, {"waterschap"}, "2023-05")]),
    # organisation names Frog's parse cuts short: a capitalised adjective before the noun, a name that
    # goes on in lower case, a name Frog tags as a verb, a firm over "&"; a double first name
    ("In juni vroeg de provincie het Landelijk Bureau Integriteit om advies.",
     "2024-10-10", [("Commissioning", {"provincie"}, {"Landelijk Bureau Integriteit"}, "2024-06")]),
    ("Het college heeft de Autoriteit persoonsgegevens op 4 juni ingelicht.",
     "2024-10-10", [("Informing", {"college"}, {"Autoriteit persoonsgegevens"}, "2024-06-04")]),
    ("In maart gaf de raad onderzoeksbureau Kortvast opdracht de zaak te onderzoeken.",
     "2024-10-10", [("Commissioning", {"raad"}, {"onderzoeksbureau Kortvast"}, "2024-03")]),
    ("Wethouder Anna de Wit heeft voorzitter Jan-Willem van Dommelen in mei ingelicht.",
     "2024-10-10", [("Informing", {"Anna de Wit"}, {"Jan-Willem van Dommelen"}, "2024-05")]),
    ("Adviesbureau Mulder & Post sprak in opdracht van de raad van toezicht met dertig medewerkers.",
     "2024-10-10", [("Commissioning", {"raad van toezicht"}, {"Adviesbureau Mulder & Post"}, None)]),
    # a quantifier subject: the people it ranges over are the ones who did not know
    ("Niemand in het bestuur wist hiervan. Tot mei wist geen van de raadsleden van het rapport.",
     "2024-10-10", [("KnowledgeStatement", {"bestuur"}, set(), None),
                    ("KnowledgeStatement", {"raadsleden"}, set(), None)]),
    # "wij" in a letter is the body that signs it after the closing formula, not a body named above it
    ("Aan de gemeenteraad\n\nWij hebben de commissie Sport in januari ingelicht. Het rapport hebben wij op "
     "6 februari ontvangen.\n\nHoogachtend,\n\nburgemeester en wethouders van Lindenveen,",
     "2025-02-11", [("Informing", {"burgemeester en wethouders"}, {"commissie Sport"}, "2025-01"),
                    ("Informing", set(), {"burgemeester en wethouders"}, "2025-02-06")]),
    # "hij" in what a body or a person says is the one who says it, not a body in a "tegenover" phrase
    ("De raad van toezicht zegt dat hij tot mei niet wist van de incidenten. De directeur verklaarde "
     "tegenover de commissie dat hij al sinds maart wist van de klachten.",
     "2024-10-10", [("KnowledgeStatement", {"raad van toezicht"}, set(), "2024-05"),
                    ("KnowledgeStatement", {"directeur"}, set(), "2024-03")]),
    # "het centrum" is the one organisation whose name begins with "Centrum"
    ("In januari deed Anna Bos een melding bij Centrum Integer Sporten. Het centrum stelde in februari het "
     "bestuur van de bond op de hoogte.",
     "2024-10-10", [("Informing", {"het centrum"}, {"bestuur"}, "2024-02")]),
    # "wij" said by the chair of a body named by the post: the chair and the body
    ("De ledenraad vergadert vier keer per jaar. \"Wij wisten van niets\", zegt ledenraadsvoorzitter Johan "
     "Kramer.",
     "2024-10-10", [("KnowledgeStatement", {"Johan Kramer", "ledenraad"}, set(), None)]),
    # "Die" after "de vertrouwenspersoon van de gemeente" is the vertrouwenspersoon; a past-tense verb
    # the tense list lacks ("klopte") still puts last November before the publication
    ("In november klopte Eva Smit aan bij de vertrouwenspersoon van de gemeente. Die bracht in december de "
     "burgemeester op de hoogte.",
     "2024-10-10", [("Report", {"Eva Smit"}, {"vertrouwenspersoon"}, "2023-11"),
                    ("Informing", {"vertrouwenspersoon"}, {"burgemeester"}, "2023-12")]),
    # staff who warn a superior report to them; an organisation that warns informs
    ("In maart waarschuwde een beleidsmedewerker het afdelingshoofd. In april waarschuwde de inspectie de "
     "gemeente.",
     "2024-10-10", [("Report", {"beleidsmedewerker"}, {"afdelingshoofd"}, "2024-03"),
                    ("Informing", {"inspectie"}, {"gemeente"}, "2024-04")]),
    # a known first name Frog tags as a verb still begins a name, and is not the clause's verb
    ("Mirte de Groot deed in december een melding bij de vertrouwenspersoon. Anouska Velthuis meldde het in "
     "mei bij de burgemeester.",
     "2024-10-10", [("Report", {"Mirte de Groot"}, {"vertrouwenspersoon"}, "2023-12"),
                    ("Report", {"Anouska Velthuis"}, {"burgemeester"}, "2024-05")]),
    # a counted plural of a noun for people is a group, listed or not
    ("In april klopten drie roeiers uit de selectie aan bij de vertrouwenspersoon. Twee stagiairs meldden het "
     "bij de directeur.",
     "2024-10-10", [("Report", {"drie roeiers"}, {"vertrouwenspersoon"}, "2024-04"),
                    ("Report", {"stagiairs"}, {"directeur"}, None)]),
    # a post with "plaatsvervangend" is not the holder named before
    ("Griffier Monique Tabak stapte op. \"Ik kreeg het te horen van de plaatsvervangend griffier\", zegt "
     "voorzitter Gerda Hiemstra.",
     "2024-10-10", [("Informing", {"plaatsvervangend griffier"}, {"Gerda Hiemstra"}, None)]),
    # the subject before an apposition between commas; "zij" with a singular verb is the sayer
    ("Wendelien Roozendaal, directeur van de publieke omroep Lichtbaken, stapt op. Kolkman, inmiddels "
     "werkzaam bij een buitenlandse bond, zegt dat zij de voorzitter kort daarna heeft ingelicht.",
     "2024-10-10", [("Resignation", {"Wendelien Roozendaal"}, set(), None),
                    ("Informing", {"Kolkman"}, {"voorzitter"}, None)]),
    # "met elk van de drie roeiers"; plural "zij" is the group named just before; a "-bestuur" is a body
    ("In maart sloot de federatie met elk van de drie roeiers een overeenkomst. Zij dienden in januari een "
     "klacht in bij het bondsbestuur.",
     "2024-10-10", [("Agreement", {"federatie"}, {"drie roeiers"}, "2024-03"),
                    ("Report", {"drie roeiers"}, {"bondsbestuur"}, "2024-01")]),
    # a post with its department after it is also named so ("de teamleider planning")
    ("In mei stuurde de teamleider planning een interne notitie aan de directeur.",
     "2024-10-10", [("Report", {"teamleider planning"}, {"directeur"}, "2024-05")]),
    # an indirect question tells no event
    ("De burgemeester legt in een brief uit wanneer zij voor het eerst hoorde van de klachten.",
     "2024-10-10", []),
    # an "-organisatie" with its name, after the verb
    ("In juni diende milieuorganisatie Blauwe Zoom een klacht in bij de provincie.",
     "2024-10-10", [("Report", {"milieuorganisatie Blauwe Zoom"}, {"provincie"}, "2024-06")]),
    # findings put before someone confront them; Frog's "aan het" unit still is the preposition "aan"
    ("De omroep legde de bevindingen in mei voor aan het stichtingsbestuur.",
     "2024-10-10", [("Confrontation", {"omroep"}, {"stichtingsbestuur"}, "2024-05")]),
    # "het niet tijdig melden" names an act: no report, and its "niet" does not negate the clause
    ("In februari sprak de inspectie de raad van bestuur aan op het niet tijdig melden van de fout.",
     "2024-10-10", [("Confrontation", {"inspectie"}, {"raad van bestuur"}, "2024-02")]),
    # a care group Frog takes for a place, its name alone, and a supervisor that looks into it
    ("Bij Zorggroep Elsbroek ging in maart een medicijn mis. Elsbroek meldde de fout pas in juni bij de "
     "inspectie. Bestuurder Anna Wit trad af. De inspectie stelde in juli een onderzoek in.",
     "2023-10-10", [("Report", {"Zorggroep Elsbroek"}, {"inspectie"}, "2023-06"),
                    ("Investigation", {"inspectie"}, {"Zorggroep Elsbroek"}, "2023-07")]),
]


def run(parser, text, published):
    doc = Document(path="tekst.txt", source="tekst.txt", text=text, published=PartialDate.parse(published))
    contexts, entities, events = extract([doc], parser)
    out = []
    for ev in events["tekst.txt"]:
        def names(keys):
            found = set()
            for k in keys:
                e = entities[k]
                found |= {e.label} | set(e.aliases)
            return found
        out.append((ev.etype, names(ev.agents), names(ev.recipients), ev.time.begin.iso() if ev.time else None))
    return out


def check(parser, text, published, expected):
    got = run(parser, text, published)
    for etype, agents, recipients, begin in expected:
        fits = [g for g in got if g[0] == etype and all(any(a.lower() in n.lower() for n in g[1]) for a in agents)
                and all(any(r.lower() in n.lower() for n in g[2]) for r in recipients)
                and (not agents or g[1]) and (begin is None or g[3] == begin)]
        assert fits, f"{etype} {agents} -> {recipients} @{begin} not among {got}"
    if not expected:
        assert got == [], got


@pytest.mark.parametrize("text,published,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_extraction_on_recorded_frog(text, published, expected, recorded_frog):
    check(recorded_frog, text, published, expected)


@pytest.mark.frog
@pytest.mark.parametrize("text,published,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_extraction_on_real_frog(text, published, expected, frog):
    check(frog, text, published, expected)


PLAN_TEXT = ("De wethouder zegt dat hij de raad volgende week een brief stuurt over de afspraken. Hij informeerde "
             "de raad vorige week.")


@pytest.mark.parametrize("parser", ["recorded_frog", pytest.param("frog", marks=pytest.mark.frog)])
def test_a_clause_with_a_time_after_publication_is_a_plan(parser, request):
    """"stuurt de raad volgende week een brief": no event; last week's informing is one."""
    got = run(request.getfixturevalue(parser), PLAN_TEXT, "2024-10-10")
    assert [(g[0], g[3]) for g in got] == [("Informing", "2024-09-30")]


def test_one_investigators_investigation_told_twice_is_one_event(recorded_frog):
    got = run(recorded_frog, "In mei gaf de raad onderzoeksbureau Kompas opdracht de rol van wethouder Dekker "
              "te onderzoeken. Het bureau sprak met achttien betrokkenen en las honderden e-mails.", "2024-10-10")
    investigations = [g for g in got if g[0] == "Investigation"]
    assert len(investigations) == 1 and "Kompas" in investigations[0][1], got


def test_one_event_per_clause_and_type():
    """Two frames that read the same type from the same clause make one event, the one with more
    parties: its node is minted from the quote and the type, so two would be one node with two
    confidences, which the shapes reject."""
    from graph.extract.events import merge_duplicates
    from graph.model import Event
    a = Event(doc="d.txt", etype="Commissioning", agents=["raad"], recipients=[], quote_start=10, quote_end=60,
              quote="...", lexicon_entry="commission.a", confidence=0.8)
    b = Event(doc="d.txt", etype="Commissioning", agents=["raad"], recipients=["bureau"], quote_start=10,
              quote_end=60, quote="...", lexicon_entry="commission.b", confidence=0.7)
    c = Event(doc="d.txt", etype="Informing", agents=["raad"], recipients=["bureau"], quote_start=10,
              quote_end=60, quote="...", lexicon_entry="inform.c", confidence=0.7)
    out = merge_duplicates([a, b, c])
    assert [(e.etype, e.recipients, e.lexicon_entry) for e in out] == [
        ("Commissioning", ["bureau"], "commission.b"), ("Informing", ["bureau"], "inform.c")]


def test_a_fact_told_again_with_the_same_parties_is_one_event():
    """A lead and the body that tell the same informing, neither with a time of its own, are one
    event with two pieces of evidence; another recipient keeps its own event."""
    from graph.extract.events import merge_duplicates
    from graph.model import Event
    lead = Event(doc="d.txt", etype="Informing", agents=["wethouder"], recipients=["raad"], quote_start=0,
                 quote_end=30, quote="...", lexicon_entry="inform.a", confidence=0.8)
    body = Event(doc="d.txt", etype="Informing", agents=["wethouder"], recipients=["raad"], quote_start=400,
                 quote_end=450, quote="...", lexicon_entry="inform.a", confidence=0.7)
    other = Event(doc="d.txt", etype="Informing", agents=["wethouder"], recipients=["college"], quote_start=500,
                  quote_end=540, quote="...", lexicon_entry="inform.a", confidence=0.7)
    out = merge_duplicates([lead, body, other])
    assert [(e.quote_start, e.recipients) for e in out] == [(0, ["raad"]), (500, ["college"])]
    assert out[0].extra_evidence == [(400, 450, "...")]


ATTRIBUTION_TEXT = ('"Het was een zware tijd", vertelt de griffier. De wethouder vertelt: "Ik heb de raad in mei '
                    'ingelicht." Drie ambtenaren vertellen de Dorpsbode over de sfeer.')


def _informings(parser):
    doc = Document(path="tekst.txt", source="tekst.txt", text=ATTRIBUTION_TEXT, published=PartialDate.parse("2023-10-10"),
                   publisher="Dorpsbode")
    _, _, events = extract([doc], parser)
    return [ev for ev in events["tekst.txt"] if ev.etype == "Informing"]


def check_attribution(parser):
    """A speech verb that attributes a quotation tells no event, and telling the publisher itself is
    sourcing, not informing: only the quoted informing of the raad is read."""
    evs = _informings(parser)
    assert len(evs) == 1, [(e.agents, e.recipients, e.quote) for e in evs]
    assert "raad" in evs[0].quote


def test_attribution_is_no_event_on_recorded_frog(recorded_frog):
    check_attribution(recorded_frog)


@pytest.mark.frog
def test_attribution_is_no_event_on_real_frog(frog):
    check_attribution(frog)
