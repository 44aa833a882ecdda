app_name = "resources"

urlpatterns = []
