"""The ontology's terms as Python names: the one place code gets IRIs from.

``GG`` mirrors ``ontology/governance.ttl`` (a test keeps both in step); a misspelt term
raises ``AttributeError`` at once (rdflib's ``DefinedNamespace`` with ``_fail = True``).
The other vocabularies are the W3C ones govgraph aligns with.
"""
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

GG_NS = "https://w3id.org/govgraph#"
ID_NS = "https://w3id.org/govgraph/id/"
GRAPH_NS = "https://w3id.org/govgraph/graph/"

ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ID = Namespace(ID_NS)

ONTOLOGY_GRAPH = URIRef(GRAPH_NS + "ontology")
INFERRED_GRAPH = URIRef(GRAPH_NS + "inferred")


class GG(DefinedNamespace):
    """govgraph's own terms (prefix ``gg:``)."""

    _NS = Namespace(GG_NS)
    _fail = True

    # agents
    Person: URIRef
    Organization: URIRef
    Body: URIRef
    Group: URIRef
    Role: URIRef
    Tenure: URIRef
    # sources and matters
    Document: URIRef
    Matter: URIRef
    Attribution: URIRef
    # events
    Event: URIRef
    Report: URIRef
    Informing: URIRef
    NonDisclosure: URIRef
    Agreement: URIRef
    Investigation: URIRef
    Commissioning: URIRef
    Confrontation: URIRef
    Resignation: URIRef
    KnowledgeStatement: URIRef
    # derived knowledge
    Knowledge: URIRef

    # event roles and provenance
    agent: URIRef
    recipient: URIRef
    matter: URIRef
    aboutText: URIRef
    source: URIRef
    evidence: URIRef
    polarity: URIRef
    confidence: URIRef
    lexiconEntry: URIRef
    attributionCue: URIRef
    page: URIRef
    relation: URIRef          # event class -> the direct property it materialises
    # time, flattened next to the OWL-Time interval for simple filters
    beginDate: URIRef
    endDate: URIRef
    timeText: URIRef
    precision: URIRef
    # documents
    sourceFile: URIRef
    url: URIRef
    publishedBegin: URIRef
    contentHash: URIRef
    originalPublisher: URIRef
    # entities
    mentionedIn: URIRef
    memberCount: URIRef
    subgroupOf: URIRef
    post: URIRef
    holder: URIRef
    during: URIRef
    roleNoun: URIRef
    # knowledge
    knower: URIRef
    since: URIRef
    basis: URIRef
    derivation: URIRef

    # direct relations between agents, materialised next to each event
    reportedTo: URIRef
    informed: URIRef
    notInformed: URIRef
    agreedWith: URIRef
    investigated: URIRef
    commissioned: URIRef
    confronted: URIRef
    resigned: URIRef
    knewOf: URIRef
    didNotKnow: URIRef
    knew: URIRef              # inferred: agent -> matter
    oversees: URIRef          # body -> agent it holds to account (graph/lexicon/nl/oversight.yaml)


# Every event class, in the order views list them.
EVENT_CLASSES = (
    "Report", "Informing", "NonDisclosure", "Agreement", "Investigation",
    "Commissioning", "Confrontation", "Resignation", "KnowledgeStatement",
)

PREFIXES = {
    "gg": GG_NS, "id": ID_NS, "prov": str(PROV), "time": str(TIME), "org": str(ORG),
    "oa": str(OA), "dcterms": str(DCTERMS), "rdfs": str(RDFS), "rdf": str(RDF),
    "xsd": str(XSD), "owl": str(OWL), "skos": str(SKOS), "sh": str(SH),
}

__all__ = ["GG", "ORG", "OA", "SH", "ID", "PROV", "TIME", "DCTERMS", "RDF", "RDFS", "XSD",
           "OWL", "SKOS", "PREFIXES", "EVENT_CLASSES", "ONTOLOGY_GRAPH", "INFERRED_GRAPH",
           "GG_NS", "ID_NS", "GRAPH_NS"]
