import os

HEADERS = {
    # ruleid: generic-google-oauth-token
    'Authorization': 'Bearer ya29.QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJfm5d',
}
# ruleid: generic-google-api-key
YOUTUBE_API_KEY = "AIzaSyDz_TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3"
# ok: generic-google-api-key
PLACEHOLDER = "AIza-your-key-here"
# ruleid: generic-meta-access-token
GRAPH_TOKEN = "EAAGu8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy"
# ruleid: generic-meta-access-token
params = {"access_token": "IGQV4Qwb8DwkNhFdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVdD53X83RZJzzzzgEOzdmenCkhvMdgaKjIg8xNbe3nNyj", "fields": "id,name"}
# ok: generic-meta-access-token
TEST_VECTOR = "0E222F828767EFC2F91624A8940F1F836F99EEE3692F09E2E8C662248B483B7FFC050FEC94DBCA3A0AAC36098B2CC2BD818319478DA6BD0C621DE49F145FDA99"
# ok: generic-meta-access-token
SENTENCE = "IGuessThisIsJustAVeryLongIdentifierMadeOfEnglishWordsWithoutAnySpacesOrDigitsInItAtAllReallyTruly"
# ruleid: generic-github-token
GITHUB_TOKEN = "ghp_Oq9wMxEhh2FDEEtfjgVvVqE1SkHbn88HxjSI"
# ruleid: generic-github-token
headers = {"Authorization": "token " + "gho_6bWHtP3fS2qHx6kwXoIIXGvOoNZYW2mZp0zV"}
# ok: generic-github-token
token = os.environ["GITHUB_TOKEN"]
# ruleid: generic-stripe-secret-key
stripe_api_key = "sk_live_W56eCuNGMGmSrCGIZEG8pSH4"
# ok: generic-stripe-secret-key
stripe_test_key = "sk_test_placeholder"
# ruleid: generic-twilio-api-key
TWILIO_KEY_SID = "SK934b484e73cf575dcad6ba2b0aee0ca9"
# ok: generic-twilio-api-key
TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID")
# ruleid: generic-api-key
AWS_ACCESS_KEY_ID = "AKIAIZWDIAEQ1KDFY6SP"
KEY = """
# ruleid: generic-private-key
-----BEGIN PRIVATE KEY-----
Lf6xuI5aHUQPFeNBTxaQWk8JzFalHlsZfYcMMDktXP/tKsf2rcDkdfrUnW5gcF+H
-----END PRIVATE KEY-----
"""
# ruleid: generic-private-key
INLINE = "-----BEGIN EC PRIVATE KEY-----\nLf6xuI5aHUQPFeNBTxaQWk8JzFalHlsZfYcMMDktXP/tKsf2rcDkdfrUnW5gcF+H\n-----END EC PRIVATE KEY-----\n"
# ok: generic-private-key
PUBLIC = "-----BEGIN PUBLIC KEY-----"


def is_pem_key(line):
    # ok: generic-private-key
    return line.strip() == "-----BEGIN RSA PRIVATE KEY-----"


DEPLOY_SCRIPT = """
# ruleid: generic-heroku-api-key
export HEROKU_API_KEY=23732881584d8c4fa2815d2802827283e0ad8417
# ok: generic-heroku-api-key
export HEROKU_API_KEY="$(cat ~/.heroku-key)"
"""
# ruleid: generic-heroku-api-key
env = {"HEROKU_API_KEY": "35815699-69e5-8b08-1006-f7e3dfc967a6"}
ENCRYPTED = """
# ruleid: generic-private-key
-----BEGIN RSA PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,3F17A6D2B9C04E1D8A2B5C6D7E8F9012

hXoP2d9Fq1mZr8VbTn3yLk5sWc0eJ4uAiG7xQ6oD/Ep+RtYvMnBzKlHjIgFa
"""
