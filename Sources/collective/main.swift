import CollectiveSite
print("collective")
