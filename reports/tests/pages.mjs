// The pages of the report site and, for each, figures that the report prints
// (looked up in bron/, line numbers in the comments; pages.test.mjs checks
// that they stand there) and that must stand on that page, in Dutch notation,
// with their bounding word where the report has one; figures the warehouse
// derives from printed ones (`derived`); and the number of charts the page
// draws. `follows`: a page whose link (its title) is followed from this one
// in the browser, which must open it under the base path with its first
// figure. `tooltip`: a series of the first chart whose hover tooltip must
// show these figures, in Dutch notation.
export const PAGES = [
	{
		name: 'overzicht',
		path: '/',
		title: 'Overzicht',
		// 109: mvv 49.700 / 53.600; 940: complaints 4.440 / 2.793; 1118: staff
		figures: ['49.700', '53.600', '4.440', '2.793', 'ruim 3.000 fte', 'ongeveer 2.900 fte'],
		charts: 1,
		follows: '/alle-cijfers'
	},
	{
		name: 'regulier',
		path: '/regulier',
		title: 'Regulier verblijf',
		// 109: mvv applications; 184: mvv study 8.200 / 8.550; 383: vvr family 94%
		figures: ['49.700', '8.200', '8.550', '94%', 'Top 3 nationaliteiten', 'Chinese'],
		charts: 3,
		// 373: mvv applications for family formation, 33.150 in 2010 and 28.900 in 2011
		tooltip: { series: 'Gezinsvorming', figures: ['33.150', '28.900'] }
	},
	{
		name: 'asiel',
		path: '/asiel',
		title: 'Asiel',
		// 476: ruim 8.000 permits; 586: AA first 11.300 / 12.700; 518: Somali 2.350, 28%
		figures: ['ruim 8.000', '11.300', '12.700', '3.050', 'Somalische', '2.350', '28%'],
		charts: 1
	},
	{
		name: 'documenten-en-naturalisatie',
		path: '/documenten-en-naturalisatie',
		title: 'Documenten en naturalisatie',
		// 669: 12.150 / 11.150; 677: 209.850 / 167.200; 694: 26.300; 696: 22.600 / 20.000
		figures: ['12.150', '11.150', '209.850', '167.200', '26.300', '22.600', '20.000'],
		charts: 2
	},
	{
		name: 'caribisch-nederland',
		path: '/caribisch-nederland',
		title: 'Caribisch Nederland',
		// 738: mvv 525 received, 455 granted; 748: extension 1.655 / 1.745
		figures: ['525', '455', '1.655', '1.745'],
		charts: 1
	},
	{
		name: 'dienstverlening',
		path: '/dienstverlening',
		title: 'Dienstverlening',
		// 836: 1,08 milj. calls; 851: 88% / 81%; 895: 2.878 / 1.052; 900: 59%; 769: 7,3
		figures: ['1,08 miljoen', '88%', '81%', '2.878', '1.052', '59%', '7,3', 'bijna 2.200'],
		charts: 2
	},
	{
		name: 'bedrijfsvoering',
		path: '/bedrijfsvoering',
		title: 'Financiën en personeel',
		// 1103: ongeveer € 382 miljoen; 1104: circa 85%; 1107: rond € 364 miljoen; 1116: 3.338 fte
		figures: ['ongeveer € 382 miljoen', 'circa 85%', 'rond € 364 miljoen', '3.338 fte', 'ruim 3.000 fte'],
		charts: 2
	},
	{
		name: 'rechtspraak-en-handhaving',
		path: '/rechtspraak-en-handhaving',
		title: 'Rechtspraak en handhaving',
		// 545: appeals 17.100 / 18.000; 1074-1076: minder dan 10%, minder dan 300
		figures: ['17.100', '18.000', 'minder dan 10%', 'minder dan 300'],
		charts: 1
	},
	{
		name: 'datakwaliteit',
		path: '/datakwaliteit',
		title: 'Datakwaliteit',
		// 677: documents 2010 printed 167.200; 476: ruim 8.000 asylum permits
		figures: ['Documenten: zes soorten = Totaal', '167.200', 'ruim 8.000'],
		// the six document types of 2010 (lines 665-675) add up to 167.050
		derived: ['167.050'],
		charts: 1
	},
	{
		name: 'revisies',
		path: '/revisies',
		title: 'Revisies',
		// the warehouse holds the 2011 report alone: no year printed by two reports yet
		figures: ['Nog geen revisies tussen rapporten', 'rapport over 2011'],
		charts: 0
	},
	{
		name: 'alle-cijfers',
		path: '/alle-cijfers',
		title: 'Alle cijfers',
		// 21: 56% of asylum applications decided in the eight-day procedure
		figures: ['56%', 'Alle cijfers'],
		charts: 0
	}
];
