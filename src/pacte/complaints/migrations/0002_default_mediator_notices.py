"""A mediator notice for each default scheme version (telecom-2004 v1, nf-x50-798 v1):
the Médiateur des communications électroniques and the referral conditions of
REFERENTIEL.md ("The mediator chain"). Reversing deletes these notices."""

from django.db import migrations

DEFAULT_VERSIONS = (("telecom-2004", 1), ("nf-x50-798", 1))

NOTICE = {
    "name": "Médiateur des communications électroniques",
    "postal_address": "CS 30342\n94257 Gentilly Cedex",
    "website": "www.mediateur-telecom.fr",
    "conditions_fr": (
        "Vous pouvez saisir le médiateur si la réponse à votre recours ne vous satisfait "
        "pas, ou si votre recours n’a pas reçu de réponse dans un délai d’un mois. Vous "
        "pouvez aussi le saisir directement si le service client n’a pas répondu à votre "
        "réclamation écrite dans un délai de deux mois. La saisine est possible dans un "
        "délai d’un an à compter de votre réclamation écrite."
    ),
    "conditions_en": (
        "You may refer to the mediator if the answer to your appeal does not satisfy you, "
        "or if your appeal has not been answered within one month. You may also refer "
        "directly if customer service has not answered your written complaint within two "
        "months. Referral is possible within one year of your written complaint."
    ),
}


def create_notices(apps, schema_editor):
    SchemeVersion = apps.get_model("commitments", "SchemeVersion")
    MediatorNotice = apps.get_model("complaints", "MediatorNotice")
    for code, number in DEFAULT_VERSIONS:
        version = SchemeVersion.objects.filter(scheme__code=code, number=number).first()
        if version is not None:
            MediatorNotice.objects.get_or_create(version=version, defaults=NOTICE)


def delete_notices(apps, schema_editor):
    MediatorNotice = apps.get_model("complaints", "MediatorNotice")
    for code, number in DEFAULT_VERSIONS:
        MediatorNotice.objects.filter(version__scheme__code=code, version__number=number).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_mediator_notice"),
        ("commitments", "0002_default_schemes"),
    ]

    operations = [migrations.RunPython(create_notices, delete_notices)]
