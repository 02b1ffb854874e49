"""The SIM-order pages (T4.1): staff's order form, steps and late list; the customer's own."""

from django.urls import path

from pacte.workspace.operations import sim_views

urlpatterns = [
    path("sim-orders/new/", sim_views.sim_order_new, name="sim_order_new"),
    path("sim-orders/late/", sim_views.sim_orders_late, name="sim_orders_late"),
    path("sim-orders/<int:pk>/<slug:step>/", sim_views.sim_order_step, name="sim_order_step"),
    path("my-sim-orders/", sim_views.my_sim_orders, name="my_sim_orders"),
    path("my-sim-orders/new/", sim_views.my_sim_order_new, name="my_sim_order_new"),
]
