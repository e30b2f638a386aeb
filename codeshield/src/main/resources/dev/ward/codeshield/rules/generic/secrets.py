HEADERS = {
    # ruleid: generic-api-key
    'Authorization': 'Bearer ya29.5AE7v1wOfgun1gR_iXwuGhMnt8nPNbT4C-Pd39DUnsNGb9I6U5FQqRJXNyPb3a0Dk1OWzA',
}
# ruleid: generic-api-key
YOUTUBE_API_KEY = "AIzaSyC1rMU-mkhoyTvBIdTnYU0dss0tU9vtK48"
# ok: generic-api-key
PLACEHOLDER = "AIza-your-key-here"
KEY = """
# ruleid: generic-private-key
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBg
-----END PRIVATE KEY-----
"""
# ok: generic-private-key
PUBLIC = "-----BEGIN PUBLIC KEY-----"
