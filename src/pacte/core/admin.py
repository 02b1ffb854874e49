from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from pacte.core.models import User


@admin.register(User)
class PacteUserAdmin(UserAdmin[User]):
    list_display = ("username", "email", "role", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Pacte", {"fields": ("role",)}))
