"""Demo contributions for the Torino metropolitan area (invented text, no real persons).

Each row: (kind, axis code, title, body, comune name or None, zone number or None).
"""

AUTHORS = [
    ("demo-pendolare@example.org", "pendolare-sfm2"),
    ("demo-valsusa@example.org", "voce-della-valle"),
    ("demo-canavese@example.org", "canavese-attivo"),
    ("demo-chierese@example.org", "collina-chierese"),
    ("demo-studentessa@example.org", "studentessa-poli"),
    ("demo-nonno@example.org", "nonno-ciclista"),
    ("demo-agricoltrice@example.org", "terra-di-carmagnola"),
    ("demo-medica@example.org", "ambulatorio-di-valle"),
]

ORGANISATIONS = [
    ("Associazione Pendolari Pinerolesi (demo)", "altri", "Pinerolo"),
    ("Cooperativa sociale Valli Unite (demo)", "cooperazione", "Susa"),
]

CONTRIBUTIONS = [
    # Asse 1 – digitale e innovazione
    (
        "criticita",
        1,
        "Connessione lenta nelle borgate alte della Val Chisone",
        "Nelle frazioni sopra Perosa Argentina la fibra si ferma a valle e il segnale mobile è debole. "
        "Chi lavora da casa deve scendere in paese per una videochiamata.",
        "Perosa Argentina",
        None,
    ),
    (
        "idea",
        1,
        "Sportello digitale itinerante per i piccoli comuni",
        "Un furgone attrezzato che una volta alla settimana passa nei comuni sotto i mille abitanti per "
        "aiutare con SPID, fascicolo sanitario e pratiche online.",
        None,
        8,
    ),
    (
        "bisogno",
        1,
        "Formazione digitale per le imprese artigiane",
        "Le piccole imprese del Canavese non riescono a seguire corsi in orario di lavoro: servono moduli "
        "brevi, serali, vicino a casa.",
        "Ivrea",
        None,
    ),
    (
        "idea",
        1,
        "Spazi di coworking nelle stazioni dismesse",
        "Diverse stazioni lungo la Torino-Ceres hanno locali vuoti: potrebbero diventare spazi di lavoro "
        "condiviso per chi oggi fa il pendolare ogni giorno.",
        "Ciriè",
        None,
    ),
    (
        "criticita",
        1,
        "Servizi online dei comuni difficili da usare",
        "Ogni comune ha un portale diverso e molti moduli sono PDF da stampare. Sarebbe utile una piattaforma "
        "comune a livello metropolitano.",
        None,
        None,
    ),
    (
        "bisogno",
        1,
        "Dati aperti sui trasporti in tempo reale",
        "Le app non mostrano i ritardi dei bus extraurbani. Pubblicare i dati in formato aperto permetterebbe "
        "a tutti di sapere quando passa davvero il mezzo.",
        None,
        1,
    ),
    (
        "idea",
        1,
        "Laboratori di robotica con le scuole e le imprese del territorio",
        "Le aziende meccaniche dell'area potrebbero ospitare laboratori per ragazze e ragazzi delle superiori, "
        "con tutor aziendali.",
        "Chivasso",
        None,
    ),
    (
        "criticita",
        1,
        "Poche colonnine e servizi digitali nei rifugi e nelle aree turistiche",
        "In alta valle il turismo cresce ma mancano copertura e pagamenti elettronici nei punti informativi.",
        "Bardonecchia",
        None,
    ),
    # Asse 2 – verde ed ecologia
    (
        "idea",
        2,
        "Pista ciclabile continua lungo la Dora Riparia",
        "Collegare i tratti esistenti tra Alpignano, Collegno e Torino con una pista ciclabile continua e "
        "illuminata, separata dalle auto.",
        "Collegno",
        None,
    ),
    (
        "criticita",
        2,
        "Rischio allagamenti nei sottopassi dopo i temporali",
        "A ogni temporale forte i sottopassi della zona sud si allagano e restano chiusi per ore. Servono "
        "vasche di laminazione e manutenzione dei canali.",
        "Moncalieri",
        None,
    ),
    (
        "bisogno",
        2,
        "Più alberi nelle aree industriali",
        "Le zone industriali sono isole di calore. Filari di alberi e parcheggi drenanti renderebbero l'estate "
        "più sopportabile a chi ci lavora.",
        None,
        3,
    ),
    (
        "idea",
        2,
        "Comunità energetiche nei comuni montani",
        "I tetti di scuole e palestre comunali potrebbero ospitare impianti fotovoltaici condivisi con le "
        "famiglie, riducendo le bollette.",
        None,
        6,
    ),
    (
        "criticita",
        2,
        "Boschi abbandonati e rischio incendi",
        "Molti boschi privati non sono più curati. Dopo gli incendi degli ultimi anni serve un piano di gestione "
        "forestale con le aziende locali.",
        "Bussoleno",
        None,
    ),
    (
        "idea",
        2,
        "Corona Verde: collegare i parchi con sentieri segnalati",
        "Una rete di sentieri che unisca i parchi della cintura, con segnaletica comune e punti acqua, "
        "percorribile a piedi e in bici.",
        None,
        2,
    ),
    (
        "bisogno",
        2,
        "Raccolta differenziata nelle borgate alpine",
        "Nelle borgate più lontane i cassonetti sono pochi e si riempiono subito nei mesi estivi.",
        None,
        7,
    ),
    (
        "idea",
        2,
        "Orti urbani nelle aree dismesse di Settimo",
        "Le aree ex industriali in attesa di bonifica potrebbero ospitare orti in cassoni per le famiglie e le "
        "scuole del quartiere.",
        "Settimo Torinese",
        None,
    ),
    # Asse 3 – mobilità
    (
        "criticita",
        3,
        "Treni sovraffollati sulla linea Pinerolo–Torino",
        "Al mattino i treni delle 7 e delle 7:30 sono pieni già a Piscina. Servono più carrozze o una corsa in "
        "più nelle ore di punta.",
        "Pinerolo",
        None,
    ),
    (
        "idea",
        3,
        "Biglietto unico per treni e bus in tutta l'area metropolitana",
        "Un solo abbonamento valido su SFM, bus extraurbani e metropolitana, con tariffe a zone semplici da capire.",
        None,
        None,
    ),
    (
        "bisogno",
        3,
        "Bus serali per tornare dalla città",
        "Dopo le 20 non ci sono più corse verso molti comuni della collina: chi lavora o studia a Torino resta "
        "senza alternative all'auto.",
        "Chieri",
        None,
    ),
    (
        "criticita",
        3,
        "Stazione senza ascensori a Chivasso",
        "Per raggiungere alcuni binari bisogna fare le scale: persone in carrozzina, anziani e genitori con "
        "passeggino non possono prendere il treno.",
        "Chivasso",
        None,
    ),
    (
        "idea",
        3,
        "Parcheggi di interscambio sicuri per le biciclette",
        "Rastrelliere coperte e videosorvegliate nelle stazioni SFM, così si può arrivare in bici e proseguire in treno.",
        None,
        4,
    ),
    (
        "idea",
        3,
        "Trasporto a chiamata nelle valli di Lanzo",
        "Dove le corse fisse viaggiano vuote, un servizio su prenotazione con minibus collegherebbe le frazioni alla ferrovia.",
        "Lanzo Torinese",
        None,
    ),
    (
        "criticita",
        3,
        "Ritardi cronici sulla Torino–Ceres",
        "I lavori di collegamento al passante hanno migliorato il servizio, ma nelle ore di punta i ritardi "
        "sono ancora frequenti.",
        "Ciriè",
        None,
    ),
    (
        "bisogno",
        3,
        "Marciapiedi sicuri verso le scuole",
        "Molti bambini non possono andare a scuola a piedi perché mancano marciapiedi e attraversamenti "
        "protetti lungo le provinciali.",
        None,
        10,
    ),
    (
        "idea",
        3,
        "Corsie preferenziali per i bus sulle radiali",
        "Le linee extraurbane perdono tempo nel traffico in ingresso a Torino: corsie riservate nei tratti "
        "critici renderebbero i bus competitivi.",
        None,
        1,
    ),
    # Asse 4 – scuola e formazione
    (
        "bisogno",
        4,
        "Palestre scolastiche aperte il pomeriggio",
        "Le palestre delle scuole restano chiuse dopo le lezioni: potrebbero ospitare le associazioni sportive del territorio.",
        "Rivoli",
        None,
    ),
    (
        "criticita",
        4,
        "Edifici scolastici da mettere in sicurezza",
        "Alcune scuole superiori hanno infiltrazioni e impianti vecchi. Serve un calendario pubblico degli interventi.",
        None,
        9,
    ),
    (
        "idea",
        4,
        "Corsi ITS vicini alle imprese della meccatronica",
        "Aprire sedi distaccate degli ITS nei poli produttivi del Canavese e del Pinerolese, con stage nelle aziende della zona.",
        "Ivrea",
        None,
    ),
    (
        "bisogno",
        4,
        "Trasporto scolastico per le frazioni",
        "Le famiglie delle frazioni più lontane devono accompagnare i figli in auto: servono scuolabus coordinati tra comuni.",
        None,
        11,
    ),
    (
        "idea",
        4,
        "Biblioteche aperte fino a sera per chi studia",
        "Aule studio con orari serali e nel fine settimana nei comuni della cintura, gestite insieme alle "
        "associazioni giovanili.",
        "Grugliasco",
        None,
    ),
    (
        "criticita",
        4,
        "Abbandono scolastico nelle aree periferiche",
        "Nei quartieri periferici molti ragazzi lasciano la scuola dopo il primo anno delle superiori: servono "
        "tutor e percorsi di orientamento.",
        None,
        1,
    ),
    (
        "idea",
        4,
        "Scuole aperte d'estate come centri civici",
        "Cortili e aule potrebbero restare aperti d'estate per attività con i ragazzi, in collaborazione con "
        "le parrocchie e le associazioni.",
        "Carmagnola",
        None,
    ),
    (
        "bisogno",
        4,
        "Formazione per chi cambia lavoro dopo i 50 anni",
        "Chi perde il lavoro in età matura fatica a riqualificarsi: corsi brevi e riconosciuti, con indennità "
        "durante la formazione.",
        None,
        None,
    ),
    # Asse 5 – attrattività, giustizia, uguaglianza
    (
        "bisogno",
        5,
        "Case a prezzi accessibili per giovani coppie",
        "Gli affitti nei comuni vicini a Torino sono cresciuti molto: servono alloggi a canone calmierato, "
        "anche recuperando edifici pubblici vuoti.",
        None,
        2,
    ),
    (
        "idea",
        5,
        "Botteghe di paese come presidio di comunità",
        "Sostenere i negozi di vicinato che offrono anche servizi (ritiro pacchi, farmaci, pagamenti) nei "
        "comuni senza più banca né ufficio postale.",
        None,
        7,
    ),
    (
        "criticita",
        5,
        "Centri storici che si svuotano",
        "Molte case nei centri storici delle valli sono vuote e in degrado. Mancano incentivi per recuperarle.",
        "Susa",
        None,
    ),
    (
        "idea",
        5,
        "Itinerari turistici tra castelli e residenze del Canavese",
        "Un biglietto unico e navette nei fine settimana per visitare castelli e borghi, coinvolgendo le "
        "aziende agricole della zona.",
        "Agliè",
        None,
    ),
    (
        "bisogno",
        5,
        "Servizi per l'inclusione delle persone con disabilità",
        "Spiagge fluviali, parchi e musei spesso non sono accessibili. Serve una mappa aggiornata e un piano di adeguamento.",
        None,
        None,
    ),
    (
        "idea",
        5,
        "Mercati contadini nei comuni della cintura",
        "Portare i produttori agricoli del Carmagnolese nei mercati settimanali dei comuni vicini, con spazi "
        "gratuiti per i primi anni.",
        "Carmagnola",
        None,
    ),
    (
        "criticita",
        5,
        "Spopolamento delle borgate montane",
        "Le famiglie giovani se ne vanno perché mancano scuola, medico e connessione. Senza servizi minimi le "
        "borgate si svuotano.",
        None,
        5,
    ),
    (
        "idea",
        5,
        "Spazi per le associazioni giovanili nei quartieri",
        "Locali comunali inutilizzati affidati a gruppi di giovani con un piccolo contributo per le utenze.",
        "Nichelino",
        None,
    ),
    # Asse 6 – salute
    (
        "bisogno",
        6,
        "Medico di base nelle valli",
        "In diverse vallate il medico di famiglia è presente solo due mattine a settimana. Servono incentivi "
        "per chi sceglie di lavorare in montagna.",
        None,
        6,
    ),
    (
        "idea",
        6,
        "Case della comunità con ambulatori serali",
        "Aprire le case della comunità anche la sera per chi lavora, con infermiere di famiglia e servizi prenotabili online.",
        None,
        9,
    ),
    (
        "criticita",
        6,
        "Liste d'attesa troppo lunghe per le visite specialistiche",
        "Per una visita oculistica si aspettano mesi e spesso bisogna andare a Torino. Servono più ambulatori nei distretti.",
        None,
        3,
    ),
    (
        "bisogno",
        6,
        "Assistenza domiciliare per anziani soli",
        "Molti anziani vivono soli in paesi senza servizi. Un servizio di assistenza domiciliare coordinato tra "
        "comuni eviterebbe ricoveri.",
        None,
        8,
    ),
    (
        "idea",
        6,
        "Telemedicina nelle farmacie rurali",
        "Le farmacie dei piccoli comuni potrebbero offrire elettrocardiogrammi e consulti a distanza con "
        "gli specialisti dell'ospedale.",
        None,
        11,
    ),
    (
        "criticita",
        6,
        "Pronto soccorso sovraffollati nel fine settimana",
        "Senza guardia medica facilmente raggiungibile, nel fine settimana tutti finiscono in pronto soccorso.",
        "Rivoli",
        None,
    ),
    (
        "idea",
        6,
        "Percorsi di camminata per la salute nei parchi",
        "Gruppi di cammino guidati per anziani e persone con malattie croniche, con percorsi segnalati nei parchi della cintura.",
        None,
        2,
    ),
    (
        "bisogno",
        6,
        "Supporto psicologico per adolescenti",
        "Dopo la pandemia i consultori per giovani hanno liste d'attesa lunghe. Servono sportelli nelle scuole.",
        None,
        1,
    ),
]

FACILITATED = [
    (
        "tavolo",
        "Tavolo territoriale ZO5 Pinerolese",
        "criticita",
        3,
        "Coincidenze mancate tra treno e bus a Pinerolo",
        "Al tavolo è emerso che i bus per le valli partono pochi minuti prima dell'arrivo del treno da Torino.",
        "Pinerolo",
    ),
    (
        "tavolo",
        "Tavolo territoriale ZO6 Valli di Susa e Sangone",
        "idea",
        2,
        "Un consorzio forestale per le valli",
        "I partecipanti propongono un consorzio tra comuni e proprietari per gestire i boschi e vendere legna certificata.",
        "Avigliana",
    ),
    (
        "email",
        "Email del comitato di quartiere, gennaio 2024",
        "bisogno",
        6,
        "Un punto prelievi nel quartiere",
        "Il comitato segnala che il punto prelievi più vicino è a quaranta minuti di autobus.",
        "Settimo Torinese",
    ),
    (
        "cartaceo",
        "Schede raccolte al mercato di Chieri",
        "idea",
        3,
        "Navetta per l'ospedale nei giorni di mercato",
        "Diverse schede chiedono una navetta dal centro all'ospedale, almeno nelle mattine di mercato.",
        "Chieri",
    ),
]

ON_BEHALF = [
    (
        0,
        "criticita",
        3,
        "Materiale rotabile vecchio sulla linea SFM2",
        "L'associazione raccoglie da anni segnalazioni di guasti a porte e riscaldamento sui treni della linea.",
        "Pinerolo",
    ),
    (
        1,
        "bisogno",
        5,
        "Lavoro per persone fragili nelle valli",
        "La cooperativa chiede che gli appalti pubblici di manutenzione del verde riservino una quota a inserimenti lavorativi.",
        "Susa",
    ),
]

COMMENTS = [
    (1, "Sono d'accordo: a Pinerolo la situazione è la stessa tutte le mattine."),
    (1, "Ottima idea, la userei ogni giorno."),
    (0, "Bisognerebbe capire prima quanto costa e chi la gestisce."),
    (-1, "Non credo sia una priorità rispetto ad altri interventi."),
    (1, "Anche nel nostro comune succede lo stesso, aggiungo il mio sostegno."),
    (0, "Servirebbero dati precisi per valutare l'impatto."),
]
