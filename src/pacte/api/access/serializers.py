"""The access page endpoints' response bodies: a publication, the draft."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.access.models import (
    ChannelEntry,
    PublishedChannel,
    PublishedService,
    ServiceEntry,
    ServiceKind,
)
from pacte.access.services import CHANNEL_FIELDS, SERVICE_FIELDS
from pacte.core.vocabulary import Channel

CHANNEL_KIND = serializers.CharField(
    read_only=True, help_text="The channel: " + ", ".join(Channel.values) + "."
)


SERVICE_KIND = serializers.CharField(
    read_only=True, help_text="The service: " + ", ".join(ServiceKind.values) + "."
)


class PublishedChannelSerializer(serializers.ModelSerializer[PublishedChannel]):
    kind = CHANNEL_KIND

    class Meta:
        model = PublishedChannel
        fields = CHANNEL_FIELDS


class PublishedServiceSerializer(serializers.ModelSerializer[PublishedService]):
    kind = SERVICE_KIND

    class Meta:
        model = PublishedService
        fields = SERVICE_FIELDS


class PageSerializer(serializers.Serializer[Any]):
    """A publication with its channels and services (``access.selectors.Page``)."""

    id = serializers.IntegerField(source="publication.pk")
    published_at = serializers.DateTimeField(source="publication.published_at")
    bill_footer_fr = serializers.CharField(source="publication.bill_footer_fr")
    bill_footer_en = serializers.CharField(source="publication.bill_footer_en")
    channels = PublishedChannelSerializer(many=True)
    services = PublishedServiceSerializer(many=True)


class DraftChannelSerializer(serializers.ModelSerializer[ChannelEntry]):
    kind = CHANNEL_KIND

    class Meta:
        model = ChannelEntry
        fields = ("id", *CHANNEL_FIELDS, "published")


class DraftServiceSerializer(serializers.ModelSerializer[ServiceEntry]):
    kind = SERVICE_KIND

    class Meta:
        model = ServiceEntry
        fields = ("id", *SERVICE_FIELDS, "published")


class DraftSerializer(serializers.Serializer[Any]):
    bill_footer_fr = serializers.CharField()
    bill_footer_en = serializers.CharField()
    channels = DraftChannelSerializer(many=True)
    services = DraftServiceSerializer(many=True)
