"""Which region a postcode lies in, for countries whose postcodes tell it but whose
postcode table the gazetteer lacks: a French postcode starts with its département, and
each département belongs to one région (GeoNames admin1 = INSEE région code). A town
name that exists in several régions ("Moulins", "Saint-Gilles") is then looked up in the
right one only."""

from __future__ import annotations

_FR_REGIONS = {
    "11": "75 77 78 91 92 93 94 95",  # Île-de-France
    "24": "18 28 36 37 41 45",  # Centre-Val de Loire
    "27": "21 25 39 58 70 71 89 90",  # Bourgogne-Franche-Comté
    "28": "14 27 50 61 76",  # Normandie
    "32": "02 59 60 62 80",  # Hauts-de-France
    "44": "08 10 51 52 54 55 57 67 68 88",  # Grand Est
    "52": "44 49 53 72 85",  # Pays de la Loire
    "53": "22 29 35 56",  # Bretagne
    "75": "16 17 19 23 24 33 40 47 64 79 86 87",  # Nouvelle-Aquitaine
    "76": "09 11 12 30 31 32 34 46 48 65 66 81 82",  # Occitanie
    "84": "01 03 07 15 26 38 42 43 63 69 73 74",  # Auvergne-Rhône-Alpes
    "93": "04 05 06 13 83 84",  # Provence-Alpes-Côte d'Azur
    "94": "20",  # Corse
}
_FR_DEPARTMENT = {dept: region for region, depts in _FR_REGIONS.items() for dept in depts.split()}


def postcode_admin1(country: str, postcode: str) -> set[str]:
    """GeoNames admin1 codes a postcode implies (empty when it tells nothing)."""
    code = postcode.strip().replace(" ", "")
    if country == "FR" and len(code) == 5 and code.isdigit():
        region = _FR_DEPARTMENT.get(code[:2])
        return {region} if region else set()
    return set()
