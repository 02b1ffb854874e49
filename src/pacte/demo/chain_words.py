"""Words of the demo's complaint chain, bill disputes and contract-acceptance cases (French)."""

from __future__ import annotations

APPEAL_SUBJECTS = (
    "Recours : la réponse à ma réclamation ne me satisfait pas",
    "Recours contre la réponse du service client",
    "Je conteste la réponse apportée à ma réclamation",
    "Réclamation toujours pas résolue : recours",
)
APPEAL_ANSWERS = (
    "Après réexamen complet de votre dossier, nous maintenons la réponse apportée.",
    "Après réexamen, nous vous accordons un geste commercial sur votre prochaine facture.",
    "Nous avons réexaminé votre réclamation : la correction demandée a été appliquée.",
    "Votre recours est fondé en partie ; un avoir vous sera adressé sous huit jours.",
)
# The mediator's coordinates and the conditions to refer, stated in every appeal answer.
MEDIATOR_NOTICE = (
    "Si cette réponse ne vous satisfait pas, vous pouvez saisir gratuitement le Médiateur "
    "des communications électroniques, en ligne sur son site ou par courrier (Médiateur des "
    "communications électroniques, CS 30342, 94257 Gentilly Cedex), dès la réponse du "
    "service recours ou un mois après votre recours resté sans réponse, et au plus tard un "
    "an après votre réclamation écrite."
)
MEDIATION_SUBJECTS = (
    "Saisine du Médiateur des communications électroniques",
    "Médiation : dossier transmis par le médiateur",
)
RECOMMENDATIONS = (
    "Le médiateur recommande le remboursement des frais contestés.",
    "Le médiateur recommande un avoir équivalent à un mois d'abonnement.",
    "Le médiateur recommande la résiliation sans frais de la ligne.",
    "Le médiateur recommande le maintien de la position de l'opérateur.",
)
APPLIED = (
    "Remboursement effectué sur le compte du client.",
    "Avoir émis sur la prochaine facture.",
    "Résiliation sans frais enregistrée, frais annulés.",
)
DISPUTE_PROVEN = (
    "Double facturation de l'option constatée.",
    "Communications hors forfait facturées à tort (itinérance incluse dans l'offre).",
    "Remise de fidélité non appliquée sur la facture.",
    "Frais de résiliation facturés alors que l'engagement était échu.",
)
DISPUTE_NOT_PROVEN = (
    "Consommations conformes au détail des communications.",
    "Montant conforme au tarif de l'offre souscrite.",
    "Hors forfait dû à des appels vers des numéros surtaxés, conforme au contrat.",
)
BLOCKING = (
    "Justificatif de domicile illisible.",
    "RIB manquant pour le prélèvement.",
    "Pièce d'identité expirée.",
    "Signature du contrat manquante.",
    "Contrôle de solvabilité en attente.",
)
NEEDED = (
    "Un justificatif de domicile de moins de trois mois.",
    "Un RIB au nom du titulaire.",
    "Une pièce d'identité en cours de validité.",
    "La signature du contrat en point de vente.",
    "Un dépôt de garantie ou un moyen de paiement complémentaire.",
)
CUSTOMER_NOTICES = (
    "Votre souscription est en attente : merci de nous transmettre la pièce demandée.",
    "Pour finaliser votre contrat, la pièce indiquée est nécessaire.",
)
DISTRIBUTOR_NOTICES = (
    "Dossier bloqué : pièce manquante à recueillir auprès du client.",
    "Acceptation en attente : merci de compléter le dossier en boutique.",
)
NOTICE_IMPOSSIBLE_REASONS = (
    "Client injoignable : ni adresse e-mail ni numéro de contact valide au dossier.",
    "Courrier revenu avec la mention « n'habite pas à l'adresse indiquée ».",
)
