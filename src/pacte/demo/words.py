"""Words the demo's customers and cases are made of (French, as the customers write)."""

from __future__ import annotations

FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Laura", "Marie",
    "Clara", "Lucie", "Océane", "Anaïs", "Pauline", "Mathilde", "Nathalie", "Isabelle",
    "Sophie", "Céline", "Sandrine", "Valérie", "Fatima", "Aïcha", "Yasmine", "Thomas",
    "Nicolas", "Julien", "Maxime", "Alexandre", "Antoine", "Kevin", "Quentin", "Romain",
    "Pierre", "Hugo", "Lucas", "Louis", "Théo", "Mathieu", "Sébastien", "Philippe",
    "Christophe", "Stéphane", "Laurent", "Olivier", "Mehdi", "Karim", "Yanis", "Bruno",
)  # fmt: skip

LAST_NAMES = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
    "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand",
    "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
    "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin",
    "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin",
    "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier",
    "Masson", "Schmitt", "Weber", "Klein", "Meyer", "Haddad", "Nguyen", "Benali", "Diallo",
)  # fmt: skip

COMPANY_WORDS = (
    "Transports", "Boulangerie", "Plomberie", "Cabinet", "Garage", "Pharmacie", "Atelier",
    "Électricité", "Conseil", "Menuiserie", "Taxi", "Restaurant", "Agence", "Bâtiment",
)  # fmt: skip
COMPANY_FORMS = ("SARL", "SAS", "EURL", "SA", "SCI")

STREETS = (
    "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Pasteur",
    "rue de la Gare", "place de l'Église", "rue des Écoles", "avenue de Verdun",
    "rue du Moulin", "rue Nationale", "chemin des Vignes", "rue Serpenoise",
)  # fmt: skip
CITIES = (
    ("75011", "Paris"), ("92400", "Courbevoie"), ("93100", "Montreuil"), ("94000", "Créteil"),
    ("57000", "Metz"), ("57100", "Thionville"), ("67000", "Strasbourg"), ("68100", "Mulhouse"),
    ("69003", "Lyon"), ("13005", "Marseille"), ("31000", "Toulouse"), ("59000", "Lille"),
    ("44000", "Nantes"), ("33000", "Bordeaux"), ("54000", "Nancy"), ("35000", "Rennes"),
)  # fmt: skip

DISTRIBUTOR_NAMES = (
    "Boutique",
    "Espace mobile",
    "Point Télécom",
    "Phone Center",
    "Mobile Store",
    "Télé Shop",
)

#: What a case is about, per motive: the subject line the agent or the customer wrote.
SUBJECTS: dict[str, tuple[str, ...]] = {
    "plan-change": ("Passer au forfait 100 Go", "Changer d'offre avant la fin d'engagement",
                    "Forfait trop cher, une offre moins chère ?"),
    "bill-explanation": ("Montant de la facture plus élevé que d'habitude",
                         "Hors forfait incompris sur la facture", "Détail de la facture demandé"),
    "bill-dispute": ("Contestation : appels internationaux non passés",
                     "Frais de résiliation facturés à tort", "Double facturation de l'option"),
    "sim-replacement": ("Carte SIM défectueuse", "Passage en eSIM", "Carte SIM perdue"),
    "network-coverage": ("Pas de réseau à mon domicile", "Coupures d'appels répétées",
                         "Débit 4G très faible"),
    "roaming": ("Activer l'itinérance pour un voyage", "Internet ne marche pas à l'étranger",
                "Tarifs hors Union européenne"),
    "portability": ("Code RIO demandé", "Portabilité entrante bloquée",
                    "Date de portage du numéro"),
    "after-sales": ("Téléphone en panne sous garantie", "Écran cassé, réparation",
                    "Suivi de réparation"),
    "contract-acceptance": ("Souscription bloquée en boutique",
                            "Pièce justificative refusée", "Renouvellement non validé"),
    "stolen-phone": ("Téléphone volé : blocage de la ligne", "Perte du mobile",
                     "Blocage IMEI après vol"),
    "options": ("Activer l'option multi-SIM", "Résilier une option", "Option data voyage"),
    "line-restoration": ("Ligne suspendue après paiement", "Rétablir la ligne",
                         "Ligne coupée pour impayé"),
    "termination": ("Résiliation de la ligne", "Résiliation suite à déménagement",
                    "Frais de résiliation"),
}  # fmt: skip

ANSWERS = (
    "Bonjour, nous avons traité votre demande. Cordialement, le service client.",
    "Bonjour, voici les explications demandées ; n'hésitez pas à nous recontacter.",
    "Bonjour, la modification est faite et prend effet dès aujourd'hui.",
    "Bonjour, après vérification, nous vous confirmons la solution proposée au téléphone.",
    "Bonjour, nous avons procédé à la correction et un avoir figurera sur votre facture.",
)
HAND_OFF_NOTES = (
    "Client déjà rappelé deux fois ; attend une réponse écrite sur le remboursement.",
    "Vérification technique nécessaire côté réseau, client joignable après 18 h.",
    "Contestation argumentée, pièces jointes reçues, à traiter en priorité.",
    "Suspicion de fraude sur la ligne, client informé de la mise en sécurité.",
    "Premier niveau épuisé : le client conteste la réponse reçue.",
)
PROMISE_MESSAGES = (
    "Nous avons besoin d'une vérification supplémentaire ; réponse promise au plus tard le",
    "Votre dossier demande l'avis du service technique ; nouvelle échéance le",
)
CLOSE_REASONS = ("Résolu", "Réponse acceptée par le client", "Sans suite du client")
