"""Copies the subset of the dysts catalogue that models/ implements into the module's resources.

Source: dysts (William Gilpin, NeurIPS 2021 Datasets and Benchmarks), snapshot 4b4d9de, files
chaotic_attractors.json and discrete_maps.json. Licence: the dysts project states Apache-2.0 in LICENSE.md
and MIT in pyproject.toml. Run from the repository root:
  python3 models/tools/extract_dysts_catalogue.py /work/shared/data/dysts
"""
import json
import sys

FLOWS = """Lorenz Rossler Aizawa Thomas Chua HindmarshRose Lorenz96 MackeyGlass Chen Halvorsen SprottB SprottC
SprottD SprottE SprottF SprottG SprottH SprottI SprottJ SprottK SprottL SprottM SprottN SprottO SprottP SprottQ
SprottR SprottS Arneodo GenesioTesi RabinovichFabrikant Rucklidge ShimizuMorioka Dadras Finance ChenLee LuChen
QiChen HyperRossler HyperLorenz SprottJerk MooreSpiegel Hadley BurkeShaw Coullet NewtonLiepnik RikitakeDynamo
VallisElNino WangSun""".split()
MAPS = "Logistic Henon Ikeda Tinkerbell Duffing Ricker DeJong".split()
FLOW_KEYS = ["citation", "description", "parameters", "initial_conditions", "dt", "period",
             "maximum_lyapunov_estimated", "correlation_dimension", "kaplan_yorke_dimension", "mean", "std"]
MAP_KEYS = ["citation", "parameters", "initial_conditions"]

src = sys.argv[1]
flows = json.load(open(f"{src}/chaotic_attractors.json"))
maps = json.load(open(f"{src}/discrete_maps.json"))
out = {
    "_source": "dysts (W. Gilpin, 'Chaos as an interpretable benchmark for forecasting and data-driven "
               "modelling', NeurIPS 2021 Datasets and Benchmarks), snapshot 4b4d9de: chaotic_attractors.json "
               "and discrete_maps.json, subset, fields copied unchanged",
    "_licence": "dysts: Apache-2.0 (LICENSE.md) / MIT (pyproject.toml)",
    "flows": {n: {k: flows[n][k] for k in FLOW_KEYS if k in flows[n]} for n in FLOWS},
    "maps": {n: {k: maps[n][k] for k in MAP_KEYS if k in maps[n]} for n in MAPS},
}
path = "models/src/main/resources/io/chaoscast/models/catalog/dysts-catalogue.json"
with open(path, "w") as f:
    json.dump(out, f, indent=1, sort_keys=False)
    f.write("\n")
print("wrote", path, len(out["flows"]), "flows", len(out["maps"]), "maps")
