from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "pacte.workspace"
    label = "workspace"
    verbose_name = "Workspace"
