/**
 * NANP area code (+1 NPA) → the region it serves and that region's IANA zone.
 *
 * Source: NANPA's area code assignments by location (nationalnanpa.com, "Area Codes by State/Province"),
 * each code given its region's zone; zones cross-checked against Google libphonenumber's
 * resources/timezones/map_data.txt (2018 data; it lacks codes opened since). Codes opened after 2018 come
 * from NANPA planning letters: verify before relying on them for a code you see often.
 *
 * A few codes span two zones (listed in SPLIT_AREA_CODES): they get the zone of most of their numbers,
 * and a lead's ZIP code, when it has one, wins over its phone.
 *
 * Region: the USPS state code in the US and its territories (the state rules read it), the province code in
 * Canada, the ISO country code elsewhere in the NANP.
 */

type Row = readonly [region: string, zone: string, codes: string];

/** The US and its territories: the region is a USPS code, so the state rules can read it. */
const UNITED_STATES: readonly Row[] = [
  ['AL', 'America/Chicago', '205 251 256 334 659 938'],
  ['AK', 'America/Anchorage', '907'],
  ['AZ', 'America/Phoenix', '480 520 602 623 928'],
  ['AR', 'America/Chicago', '327 479 501 870'],
  ['CA', 'America/Los_Angeles',
    '209 213 279 310 323 341 350 357 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 738 747 760 805 818 820 831 840 858 909 916 925 949 951'],
  ['CO', 'America/Denver', '303 719 720 970 983'],
  ['CT', 'America/New_York', '203 475 860 959'],
  ['DE', 'America/New_York', '302'],
  ['DC', 'America/New_York', '202 771'],
  ['FL', 'America/New_York', '239 305 321 324 352 386 407 448 561 645 656 689 727 728 754 772 786 813 850 863 904 941 954'],
  ['GA', 'America/New_York', '229 404 470 478 678 706 762 770 912 943'],
  ['HI', 'Pacific/Honolulu', '808'],
  ['ID', 'America/Boise', '208 986'],
  ['IL', 'America/Chicago', '217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872'],
  ['IN', 'America/Indiana/Indianapolis', '260 317 463 574 765 812 930'],
  ['IN', 'America/Chicago', '219'],
  ['IA', 'America/Chicago', '319 515 563 641 712'],
  ['KS', 'America/Chicago', '316 620 785 913'],
  ['KY', 'America/New_York', '502 606 859'],
  ['KY', 'America/Chicago', '270 364'],
  ['LA', 'America/Chicago', '225 318 337 504 985'],
  ['ME', 'America/New_York', '207'],
  ['MD', 'America/New_York', '227 240 301 410 443 667'],
  ['MA', 'America/New_York', '339 351 413 508 617 774 781 857 978'],
  ['MI', 'America/Detroit', '231 248 269 313 517 586 616 679 734 810 906 947 989'],
  ['MN', 'America/Chicago', '218 320 507 612 651 763 924 952'],
  ['MS', 'America/Chicago', '228 601 662 769'],
  ['MO', 'America/Chicago', '314 417 557 573 636 660 816 975'],
  ['MT', 'America/Denver', '406'],
  ['NE', 'America/Chicago', '308 402 531'],
  ['NV', 'America/Los_Angeles', '702 725 775'],
  ['NH', 'America/New_York', '603'],
  ['NJ', 'America/New_York', '201 551 609 640 732 848 856 862 908 973'],
  ['NM', 'America/Denver', '505 575'],
  ['NY', 'America/New_York', '212 315 329 332 347 363 516 518 585 607 624 631 646 680 716 718 838 845 914 917 929 934'],
  ['NC', 'America/New_York', '252 336 472 704 743 828 910 919 980 984'],
  ['ND', 'America/Chicago', '701'],
  ['OH', 'America/New_York', '216 220 234 283 326 330 380 419 436 440 513 567 614 740 937'],
  ['OK', 'America/Chicago', '405 539 572 580 918'],
  ['OR', 'America/Los_Angeles', '458 503 541 971'],
  ['PA', 'America/New_York', '215 223 267 272 412 445 484 570 582 610 717 724 814 835 878'],
  ['RI', 'America/New_York', '401'],
  ['SC', 'America/New_York', '803 821 839 843 854 864'],
  ['SD', 'America/Chicago', '605'],
  ['TN', 'America/Chicago', '615 629 731 901 931'],
  ['TN', 'America/New_York', '423 865'],
  ['TX', 'America/Chicago', '210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979'],
  ['TX', 'America/Denver', '915'],
  ['UT', 'America/Denver', '385 435 801'],
  ['VT', 'America/New_York', '802'],
  ['VA', 'America/New_York', '276 434 540 571 686 703 757 804 826 948'],
  ['WA', 'America/Los_Angeles', '206 253 360 425 509 564'],
  ['WV', 'America/New_York', '304 681'],
  ['WI', 'America/Chicago', '262 274 353 414 534 608 715 920'],
  ['WY', 'America/Denver', '307'],
  ['PR', 'America/Puerto_Rico', '787 939'],
  ['VI', 'America/St_Thomas', '340'],
  ['GU', 'Pacific/Guam', '671'],
  ['MP', 'Pacific/Saipan', '670'],
  ['AS', 'Pacific/Pago_Pago', '684'],
];

/** Canada (867, the three territories across four zones, is left out: no single zone fits). */
const CANADA: readonly Row[] = [
  ['AB', 'America/Edmonton', '368 403 587 780 825'],
  ['BC', 'America/Vancouver', '236 250 257 604 672 778'],
  ['MB', 'America/Winnipeg', '204 431 584'],
  ['NB', 'America/Moncton', '428 506'],
  ['NL', 'America/St_Johns', '709 879'],
  ['NS', 'America/Halifax', '782 902'],
  ['ON', 'America/Toronto', '226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905 942'],
  ['QC', 'America/Toronto', '263 354 367 418 438 450 468 514 579 581 819 873'],
  // Saskatchewan keeps Central Standard Time all year: America/Regina, not Winnipeg.
  ['SK', 'America/Regina', '306 474 639'],
];

/** Elsewhere in the NANP: the region is the ISO country code (so Cayman's "KY" is never Kentucky). */
const OTHER_NANP: readonly Row[] = [
  ['AG', 'America/Antigua', '268'],
  ['AI', 'America/Anguilla', '264'],
  ['BB', 'America/Barbados', '246'],
  ['BM', 'Atlantic/Bermuda', '441'],
  ['BS', 'America/Nassau', '242'],
  ['DM', 'America/Dominica', '767'],
  ['DO', 'America/Santo_Domingo', '809 829 849'],
  ['GD', 'America/Grenada', '473'],
  ['JM', 'America/Jamaica', '658 876'],
  ['KN', 'America/St_Kitts', '869'],
  ['KY', 'America/Cayman', '345'],
  ['LC', 'America/St_Lucia', '758'],
  ['MS', 'America/Montserrat', '664'],
  ['SX', 'America/Lower_Princes', '721'],
  ['TC', 'America/Grand_Turk', '649'],
  ['TT', 'America/Port_of_Spain', '868'],
  ['VC', 'America/St_Vincent', '784'],
  ['VG', 'America/Tortola', '284'],
];

/**
 * Area codes whose numbers sit in two zones; the tables give the zone of most of them. An overlay serves the same
 * ground as the code it overlays, so it is listed with it (930 with 812: a 930 number in Evansville is Central).
 */
export const SPLIT_AREA_CODES: Readonly<Record<string, string>> = {
  '208': 'Idaho: the panhandle is Pacific',
  '986': 'Idaho: the panhandle is Pacific',
  '219': 'Indiana: a few exchanges are Eastern',
  '812': 'Indiana: the south-west corner (Evansville) is Central',
  '930': 'Indiana: the south-west corner (Evansville) is Central',
  '574': 'Indiana: Starke County (Knox) is Central',
  '334': 'Alabama: Phenix City and Lanett keep Eastern time',
  '270': 'Kentucky: the Elizabethtown area is Eastern',
  '364': 'Kentucky: the Elizabethtown area is Eastern',
  '606': 'Kentucky: a few exchanges are Central',
  '906': 'Michigan: four counties on the Wisconsin border are Central',
  '308': 'Nebraska: the west (panhandle) is Mountain',
  '701': 'North Dakota: the south-west is Mountain',
  '605': 'South Dakota: the west is Mountain',
  '541': 'Oregon: Malheur County is Mountain',
  '458': 'Oregon: Malheur County is Mountain',
  '775': 'Nevada: West Wendover is Mountain',
  '850': 'Florida: the panhandle west of the Apalachicola is Central',
  '448': 'Florida: the panhandle west of the Apalachicola is Central',
  '423': 'Tennessee: a few exchanges are Central',
  '915': 'Texas: Hudspeth County is Central',
  '620': 'Kansas: four western counties are Mountain',
  '785': 'Kansas: a few western exchanges are Mountain',
  '907': 'Alaska: the Aleutians west of 169°30′ are Hawaii–Aleutian',
  '928': 'Arizona: the Navajo Nation keeps DST (Mountain)',
  '807': 'Ontario: the north-west is Central',
  '709': 'Newfoundland and Labrador: most of Labrador is Atlantic',
  '879': 'Newfoundland and Labrador: most of Labrador is Atlantic',
  '250': 'British Columbia: the north-east and Creston keep Mountain Standard Time all year',
  '236': 'British Columbia: the north-east and Creston keep Mountain Standard Time all year',
  '257': 'British Columbia: the north-east and Creston keep Mountain Standard Time all year',
  '672': 'British Columbia: the north-east and Creston keep Mountain Standard Time all year',
  '778': 'British Columbia: the north-east and Creston keep Mountain Standard Time all year',
  '418': 'Quebec: the Magdalen Islands and the Lower North Shore are Atlantic',
  '367': 'Quebec: the Magdalen Islands and the Lower North Shore are Atlantic',
  '581': 'Quebec: the Magdalen Islands and the Lower North Shore are Atlantic',
  '306': 'Saskatchewan: Lloydminster keeps Alberta’s Mountain time (an hour earlier all winter)',
  '474': 'Saskatchewan: Lloydminster keeps Alberta’s Mountain time (an hour earlier all winter)',
  '639': 'Saskatchewan: Lloydminster keeps Alberta’s Mountain time (an hour earlier all winter)',
};

export interface AreaCodeInfo {
  region: string;
  timeZone: string;
  /** From the US table: the region is a state/territory code the state rules can read. */
  isUnitedStates: boolean;
}

const indexRows = (rows: readonly Row[], isUnitedStates: boolean) =>
  rows.flatMap(([region, timeZone, codes]) =>
    codes.split(' ').map((code) => [code, { region, timeZone, isUnitedStates } satisfies AreaCodeInfo] as const),
  );

const ENTRIES = [...indexRows(UNITED_STATES, true), ...indexRows(CANADA, false), ...indexRows(OTHER_NANP, false)];
const BY_CODE: ReadonlyMap<string, AreaCodeInfo> = new Map(ENTRIES);
// A code typed into two rows would silently take the later one: refuse to load instead.
if (BY_CODE.size !== ENTRIES.length) {
  const seen = new Set<string>();
  const repeated = ENTRIES.map(([code]) => code).filter((code) => seen.has(code) || !seen.add(code));
  throw new Error(`Area code table lists ${repeated.join(', ')} more than once`);
}

/**
 * States (and DC, territories) that lie in more than one zone, per the US time zone boundaries (49 CFR
 * Part 71), counting Arizona's Navajo Nation (it keeps DST), West Wendover, Nevada, and Phenix City,
 * Alabama (it keeps Columbus, Georgia's Eastern time). Every other state has the one zone its rows in
 * UNITED_STATES give; tests/unit/pacing checks that against every ZIP of the zone table.
 */
const MULTI_ZONE_STATES = new Set(['AK', 'AL', 'AZ', 'FL', 'ID', 'IN', 'KS', 'KY', 'MI', 'NE', 'NV', 'ND', 'OR', 'SD', 'TN', 'TX']);

/** The zone of a US state that keeps one clock throughout; undefined for a state split between zones. */
export function zoneOfSingleZoneState(state: string): string | undefined {
  if (MULTI_ZONE_STATES.has(state)) return undefined;
  return UNITED_STATES.find(([region]) => region === state)?.[1];
}

/**
 * The zone of most of a split state's people (its first row in UNITED_STATES), for a lead whose row names the
 * state and nothing says which of its zones: undefined for a state with one zone (zoneOfSingleZoneState).
 */
export function mainZoneOfSplitState(state: string): string | undefined {
  if (!MULTI_ZONE_STATES.has(state)) return undefined;
  return UNITED_STATES.find(([region]) => region === state)?.[1];
}

/**
 * The other clock of each state in MULTI_ZONE_STATES (49 CFR Part 71, and the towns that keep a neighbour's clock): a ZIP
 * of another state on one of a split state's two clocks may be right about the roof (placed unsure); on a third clock it
 * contradicts the row (lead-zone.ts). Tennessee's main zone is Central, so its other is Eastern; Nevada's other is West
 * Wendover's Mountain (Jackpot's unofficial Boise clock is the same); Alabama's is Phenix City's Eastern, kept unofficially
 * (Part 71 puts all of Alabama in Central).
 */
const OTHER_ZONE_OF_SPLIT_STATE: Readonly<Record<string, string>> = {
  AK: 'America/Adak',
  AL: 'America/New_York',
  AZ: 'America/Denver',
  FL: 'America/Chicago',
  ID: 'America/Los_Angeles',
  IN: 'America/Chicago',
  KS: 'America/Denver',
  KY: 'America/Chicago',
  MI: 'America/Menominee',
  NE: 'America/Denver',
  NV: 'America/Denver',
  ND: 'America/Denver',
  OR: 'America/Boise',
  SD: 'America/Denver',
  TN: 'America/New_York',
  TX: 'America/Denver',
};

/** The zones a split state's clocks are read in: its main one first. Empty for a state of one zone. */
export function zonesOfSplitState(state: string): string[] {
  const main = mainZoneOfSplitState(state);
  const other = OTHER_ZONE_OF_SPLIT_STATE[state];
  return main && other ? [main, other] : [];
}

export const isSplitAreaCode = (areaCode: string): boolean => Object.hasOwn(SPLIT_AREA_CODES, areaCode);

const US_REGIONS: ReadonlySet<string> = new Set(UNITED_STATES.map(([region]) => region));

/** A USPS code of a US state, DC or a territory (what the state rules and zones can read). */
export const isUsRegion = (code: string): boolean => US_REGIONS.has(code);

export function areaCodeInfo(areaCode: string): AreaCodeInfo | undefined {
  return BY_CODE.get(areaCode);
}

/** Every area code in the table (tests check each zone is one Intl knows). */
export function allAreaCodes(): string[] {
  return [...BY_CODE.keys()];
}
